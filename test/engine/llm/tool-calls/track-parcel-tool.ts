/** One tool with a closed-set argument, for the tool-call formats' constraint tests. */
export const trackParcelTools = [
  {
    name: 'track_parcel',
    parameters: {
      type: 'object',
      properties: { carrier: { enum: ['ups', 'dhl'] } },
      required: ['carrier'],
    },
  },
];
