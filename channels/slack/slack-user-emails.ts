import type { Logger } from 'pino';
import type { SlackWebApi } from './slack-web-api.ts';

/** Looks up Slack users' e-mail addresses. */
export interface SlackUserEmails {
  /** The user's e-mail, or undefined when Slack gives none (no `users:read.email` scope, a bot, an error). */
  emailOf(userId: string): Promise<string | undefined>;
}

/**
 * Slack users' e-mail addresses from `users.info` (Slack sends only user ids with events), remembered for an
 * hour, newest 10,000 users. A failed lookup leaves the user without an e-mail and is not retried for a minute.
 */
export function createSlackUserEmails(options: { api: SlackWebApi; log: Logger; now: () => number }): SlackUserEmails {
  const known = new Map<string, { email: string | undefined; until: number }>();
  const remember = (userId: string, email: string | undefined, forMs: number) => {
    known.delete(userId);
    known.set(userId, { email, until: options.now() + forMs });
    if (known.size > 10_000) known.delete(known.keys().next().value!);
  };
  return {
    async emailOf(userId) {
      const cached = known.get(userId);
      if (cached && options.now() < cached.until) return cached.email;
      try {
        const answer = (await options.api.read('users.info', { user: userId })) as { user?: { profile?: { email?: unknown } } };
        const email = typeof answer.user?.profile?.email === 'string' ? answer.user.profile.email : undefined;
        remember(userId, email, 60 * 60 * 1000);
        return email;
      } catch (error) {
        options.log.warn({ err: error }, 'Slack users.info failed; the user has no e-mail');
        remember(userId, undefined, 60 * 1000);
        return undefined;
      }
    },
  };
}
