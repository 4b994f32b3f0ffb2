import { createHmac, timingSafeEqual } from 'node:crypto';
import { SlackAuthError } from './slack-auth-error.ts';

/** What a Slack request's signature is checked on. */
export interface SlackSignedRequest {
  /** `X-Slack-Request-Timestamp`: seconds since the epoch. */
  timestamp: string | undefined;
  /** `X-Slack-Signature`: `v0=` and the hex HMAC-SHA256. */
  signature: string | undefined;
  /** The raw body, byte for byte as received. */
  body: Buffer;
}

/** Options of {@link verifySlackSignature}. */
export interface SlackSignatureOptions {
  /** The app's signing secret (env `SLACK_SIGNING_SECRET`). */
  signingSecret: string;
  /** Milliseconds since the epoch. */
  now: number;
  /** Largest distance between the timestamp and now, either way, in seconds. Default 300. */
  toleranceS?: number;
}

/**
 * Checks Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the signing
 * secret, compared in constant time; a timestamp more than `toleranceS` in the past or the future is refused
 * (a replayed request). Throws {@link SlackAuthError}.
 */
export function verifySlackSignature(request: SlackSignedRequest, options: SlackSignatureOptions): void {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) throw new SlackAuthError('missing_signature', 'the request has no X-Slack-Signature or X-Slack-Request-Timestamp header');
  if (!/^\d{1,12}$/.test(timestamp)) throw new SlackAuthError('bad_timestamp', 'X-Slack-Request-Timestamp is not a number of seconds');
  const skewS = Math.abs(options.now / 1000 - Number(timestamp));
  if (skewS > (options.toleranceS ?? 300)) throw new SlackAuthError('stale_timestamp', 'X-Slack-Request-Timestamp is too far from now (a replay?)');
  const match = /^v0=([0-9a-f]{64})$/.exec(signature);
  if (!match) throw new SlackAuthError('malformed_signature', 'X-Slack-Signature is not "v0=<64 hex digits>"');
  const expected = createHmac('sha256', options.signingSecret).update(`v0:${timestamp}:`).update(request.body).digest();
  if (!timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'))) throw new SlackAuthError('bad_signature', 'X-Slack-Signature does not match the body');
}
