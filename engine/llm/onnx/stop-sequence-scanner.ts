/** What one push into a {@link StopSequenceScanner} found. */
export interface ScanResult {
  /** Text that can be shown now: it cannot be the start of a stop sequence or of a held pattern. */
  text: string;
  /** The first stop sequence or held pattern that appeared, if any; text after it is dropped. */
  match?: { kind: 'stop' | 'hold'; pattern: string };
}

/**
 * Watches streamed text for stop sequences and for patterns that must not be shown (a tool call's
 * opening). Text that could be the beginning of one of them is held back until it is decided.
 */
export class StopSequenceScanner {
  #pending = '';
  readonly #patterns: ReadonlyArray<{ kind: 'stop' | 'hold'; pattern: string }>;

  constructor(stops: readonly string[], holds: readonly string[]) {
    this.#patterns = [
      ...stops.filter((s) => s.length > 0).map((pattern) => ({ kind: 'stop' as const, pattern })),
      ...holds.filter((s) => s.length > 0).map((pattern) => ({ kind: 'hold' as const, pattern })),
    ];
  }

  /** Adds decoded text; returns what is safe to show and the first pattern completed, if any. */
  push(text: string): ScanResult {
    this.#pending += text;
    let first: { at: number; kind: 'stop' | 'hold'; pattern: string } | undefined;
    for (const p of this.#patterns) {
      const at = this.#pending.indexOf(p.pattern);
      if (at >= 0 && (first === undefined || at < first.at)) first = { at, ...p };
    }
    if (first !== undefined) {
      const shown = this.#pending.slice(0, first.at);
      this.#pending = '';
      return { text: shown, match: { kind: first.kind, pattern: first.pattern } };
    }
    const keep = this.#heldSuffixLength();
    const shown = this.#pending.slice(0, this.#pending.length - keep);
    this.#pending = this.#pending.slice(this.#pending.length - keep);
    return { text: shown };
  }

  /** Releases held text at the end of a generation (it never completed a pattern). */
  flush(): string {
    const rest = this.#pending;
    this.#pending = '';
    return rest;
  }

  /** Length of the longest suffix of the pending text that is a proper prefix of some pattern. */
  #heldSuffixLength(): number {
    let longest = 0;
    for (const { pattern } of this.#patterns) {
      const max = Math.min(pattern.length - 1, this.#pending.length);
      for (let n = max; n > longest; n--) {
        if (this.#pending.endsWith(pattern.slice(0, n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}
