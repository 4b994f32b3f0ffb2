import type { ConnectorClient } from 'botframework-connector';

type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConnectorClient>[1]>;
/** A request policy factory of the connector client (its `requestPolicyFactories` entries). */
type RequestPolicyFactory = Extract<NonNullable<ConnectorClientOptions['requestPolicyFactories']>, unknown[]>[number];

/**
 * Teams reads a stream's state from a `streaminfo` entity (`streamId`, `streamType`, `streamSequence`), but the
 * connector client's serializer keeps only `type`, `text` and `mentioned` of an entity. This request policy
 * rebuilds the entity from the same fields in `channelData` (which the serializer passes through, and which Teams'
 * first streaming protocol read) on the serialized body, so the request carries both forms.
 */
export const teamsStreamEntitiesPolicy: RequestPolicyFactory = {
  create: (next) => ({
    sendRequest(request) {
      const body: unknown = request.body;
      if (typeof body === 'string' && body.includes('"streamType"')) {
        const activity = JSON.parse(body) as { entities?: { type?: string }[]; channelData?: Record<string, unknown> };
        const info = activity.channelData;
        if (info && typeof info.streamType === 'string') {
          const others = (activity.entities ?? []).filter((e) => e.type !== 'streaminfo');
          activity.entities = [...others, { type: 'streaminfo', ...info }];
          request.body = JSON.stringify(activity);
        }
      }
      return next.sendRequest(request);
    },
  }),
};
