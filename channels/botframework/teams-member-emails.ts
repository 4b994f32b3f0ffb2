import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

/** Looks up the e-mail of the Teams user who sent an activity. */
export interface TeamsMemberEmails {
  /** The sender's e-mail (or user principal name), or undefined when Teams does not give one. */
  emailOf(context: TurnContext): Promise<string | undefined>;
}

/**
 * The e-mail addresses of Teams users, read from the conversation's member list through the connector (Teams
 * sends only ids with each message) and remembered for `ttlMs`, newest `limit` users. A failed lookup leaves the
 * user without an e-mail; the turn still runs.
 */
export function createTeamsMemberEmails(options: { log: Logger; now: () => number; ttlMs: number; limit: number }): TeamsMemberEmails {
  const known = new Map<string, { email: string | undefined; at: number }>();
  return {
    async emailOf(context) {
      const from = context.activity.from;
      if (!from?.id) return undefined;
      const cached = known.get(from.id);
      if (cached && options.now() - cached.at < options.ttlMs) return cached.email;
      let email: string | undefined;
      try {
        const member = await TeamsInfo.getMember(context, from.id);
        email = member.email ?? member.userPrincipalName ?? undefined;
      } catch (error) {
        options.log.warn({ err: error }, 'Teams member e-mail lookup failed');
        return undefined;
      }
      known.delete(from.id);
      known.set(from.id, { email, at: options.now() });
      if (known.size > options.limit) known.delete(known.keys().next().value!);
      return email;
    },
  };
}
