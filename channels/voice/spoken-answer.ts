/**
 * What the bot is waiting for the user to say, as far as speech recognition cares: a slot's value (with the
 * entity that reads it, if any), yes or no, or one of a few options.
 */
export type SpokenAnswer =
  | {
      kind: 'slot';
      flow: string;
      slot: string;
      /** The entity that fills the slot; absent for a free-text slot. */
      entity?: string;
      /** How the slot is called to the user, e.g. "order number". */
      label: string;
    }
  | { kind: 'yes-no' }
  | { kind: 'choice'; options: string[] };
