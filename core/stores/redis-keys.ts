/**
 * Where the Redis store keeps what, under a prefix (default `parley:`). A conversation's keys are
 * `<prefix>c:<conversationId>:<part>`: the id is used as it is (Redis keys are binary-safe), and since every part
 * name is fixed and comes last, two conversations never share a key whatever their ids contain.
 */
export interface RedisKeys {
  /** Hash `version`, `state` (JSON), `updatedAt`, `lastSeq` (the transcript's last line number). */
  state(conversationId: string): string;
  /** Hash turn id → the turn's JSON, for turns accepted and not finished. */
  turns(conversationId: string): string;
  /** Hash turn id → the result JSON of a finished turn (turn-id deduplication). */
  results(conversationId: string): string;
  /** Sorted set of transcript lines: score = line number, member = `<seq> <line JSON>`. */
  lines(conversationId: string): string;
  /** Hash `owner`, `token`, `expiresAt` of the conversation's lease. */
  lease(conversationId: string): string;
  /** Set of the conversation's effect keys (so that `delete` finds its journal entries). */
  effectKeys(conversationId: string): string;
  /** Sorted set of unfinished turns, every conversation: score = acceptance order, member = {@link turnMember}. */
  pending: string;
  /** Counter giving {@link RedisKeys.pending} its order. */
  acceptSeq: string;
  /** Sorted set of finished turns: score = finished at (ms), member = {@link turnMember}. */
  done: string;
  /** Hash effect key → the journal entry's JSON (conversation, turn, command, args, startedAt). */
  effects: string;
  /** Hash effect key → the result JSON of a finished effect. */
  effectResults: string;
  /** Sorted set of finished effect keys: score = finished at (ms). */
  effectsDone: string;
  /** Sorted set of conversations with transcript lines: score = the `at` of their oldest line (for retention). */
  lineHeads: string;
  /** What `probe()` writes. */
  probe: string;
}

/** The key layout under `prefix`. */
export function redisKeys(prefix: string): RedisKeys {
  const of = (part: string) => (conversationId: string) => `${prefix}c:${conversationId}:${part}`;
  return {
    state: of('state'),
    turns: of('turns'),
    results: of('results'),
    lines: of('lines'),
    lease: of('lease'),
    effectKeys: of('effects'),
    pending: `${prefix}pending`,
    acceptSeq: `${prefix}accept-seq`,
    done: `${prefix}done`,
    effects: `${prefix}effects`,
    effectResults: `${prefix}effect-results`,
    effectsDone: `${prefix}effects-done`,
    lineHeads: `${prefix}line-heads`,
    probe: `${prefix}probe`,
  };
}

/**
 * The member naming one turn in the `pending` and `done` sets: `<UTF-8 byte length of the conversation id>:` then
 * the conversation id, then the turn id. Lua builds the same string (`string.len(c) .. ':' .. c .. t`), so a
 * script can find a conversation's members without parsing JSON.
 */
export function turnMember(conversationId: string, turnId: string): string {
  return `${Buffer.byteLength(conversationId, 'utf8')}:${conversationId}${turnId}`;
}

/** The conversation and turn id of a {@link turnMember}. */
export function parseTurnMember(member: string): [conversationId: string, turnId: string] {
  const colon = member.indexOf(':');
  const length = Number(member.slice(0, colon));
  const rest = Buffer.from(member.slice(colon + 1), 'utf8');
  return [rest.subarray(0, length).toString('utf8'), rest.subarray(length).toString('utf8')];
}
