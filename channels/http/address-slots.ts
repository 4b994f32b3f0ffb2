/** Counts what each key (a client address) holds at once, up to a maximum. */
export interface AddressSlots {
  /** Takes a slot for `key`; returns the release function, or undefined when the key holds `max` already. */
  take(key: string): (() => void) | undefined;
  /** Slots `key` holds now. */
  held(key: string): number;
  /** Keys holding a slot now. */
  size(): number;
}

/** Creates {@link AddressSlots} with at most `max` slots per key; keys holding none are forgotten. */
export function createAddressSlots(max: number): AddressSlots {
  const counts = new Map<string, number>();
  return {
    take(key) {
      const held = counts.get(key) ?? 0;
      if (held >= max) return undefined;
      counts.set(key, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(key) ?? 1) - 1;
        if (left <= 0) counts.delete(key);
        else counts.set(key, left);
      };
    },
    held: (key) => counts.get(key) ?? 0,
    size: () => counts.size,
  };
}
