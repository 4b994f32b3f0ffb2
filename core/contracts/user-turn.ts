/** The user as a channel knows them. */
export interface ChannelUser {
  /** Stable id within the channel (a socket's user, a Teams AAD id, a Slack user id, "cli"). */
  id: string;
  /** Whether the channel verified who this is (signed token, Teams/Slack identity). Unverified by default. */
  verified: boolean;
  /** Display name, when the channel has one. */
  name?: string;
  /** Verified e-mail address, when the channel has one. */
  email?: string;
}

/** How a turn relates to the one of the same conversation that may be running when it arrives. */
export type TurnPolicy = 'queue' | 'supersede';

/** One user turn in channel-neutral form: what every channel builds and the bot consumes. */
export interface UserTurn {
  /** Idempotency key: a retried turn with the same id is processed once. */
  id: string;
  conversationId: string;
  user: ChannelUser;
  /** Channel name, e.g. "rest", "cli", "web". */
  channel: string;
  text: string;
  /**
   * BCP 47 locale the channel knows the user by (REST's `locale`, the browser's language, Teams' locale); "und"
   * (undetermined) when it does not, and a bot of several languages then reads it from the text.
   */
  locale: string;
  /** Arrival time in milliseconds since the epoch. */
  timestamp: number;
  /** Overrides the bot's turn policy for this turn (voice barge-in always supersedes). */
  policy?: TurnPolicy;
}
