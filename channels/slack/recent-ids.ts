/**
 * Ids seen in the last `ttlMs`, at most `limit` of them (the oldest are forgotten first): the fast path that
 * answers Slack's retries of an event without running it again. The bot's own turn-id deduplication is the
 * durable guarantee behind it.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Records the id; false when it was already recorded within the time to live. */
  add(id: string): boolean {
    const at = this.seen.get(id);
    if (at !== undefined && this.now() - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, this.now());
    if (this.seen.size > this.limit) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }

  /** Forgets the id, so that a retry of it runs (its first delivery failed). */
  forget(id: string): void {
    this.seen.delete(id);
  }
}
