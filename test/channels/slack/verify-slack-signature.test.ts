import { describe, expect, it } from 'vitest';
import { plainSlackText } from '../../../channels/slack/slack-event-to-turn.ts';
import { verifySlackSignature } from '../../../channels/slack/verify-slack-signature.ts';
import { slackSignature } from './slack-stand-in.ts';

const secret = 'signing-secret';
const body = Buffer.from('{"type":"event_callback"}');
const at = 1_800_000_000;
const check = (headers: Record<string, string>, nowS: number, signed = body) =>
  verifySlackSignature({ timestamp: headers['x-slack-request-timestamp'], signature: headers['x-slack-signature'], body: signed }, { signingSecret: secret, now: nowS * 1000 });

describe('Slack request signatures (v0)', () => {
  it('takes timestamps up to 5 minutes away either way and refuses beyond', () => {
    const headers = slackSignature(secret, body.toString(), at);
    expect(() => check(headers, at)).not.toThrow();
    expect(() => check(headers, at + 300)).not.toThrow();
    expect(() => check(headers, at - 300)).not.toThrow();
    expect(() => check(headers, at + 301)).toThrow(expect.objectContaining({ reason: 'stale_timestamp' }));
    expect(() => check(headers, at - 301)).toThrow(expect.objectContaining({ reason: 'stale_timestamp' }));
  });

  it('refuses a changed byte, another secret and malformed headers, naming the check', () => {
    const headers = slackSignature(secret, body.toString(), at);
    expect(() => check(headers, at, Buffer.from('{"type":"event_callbacK"}'))).toThrow(expect.objectContaining({ reason: 'bad_signature' }));
    expect(() => check(slackSignature('other', body.toString(), at), at)).toThrow(expect.objectContaining({ reason: 'bad_signature' }));
    expect(() => check({ ...headers, 'x-slack-signature': `${headers['x-slack-signature']!.slice(0, -1)}` }, at)).toThrow(expect.objectContaining({ reason: 'malformed_signature' }));
    expect(() => check({ ...headers, 'x-slack-request-timestamp': '1e9' }, at)).toThrow(expect.objectContaining({ reason: 'bad_timestamp' }));
    expect(() => check({}, at)).toThrow(expect.objectContaining({ reason: 'missing_signature' }));
  });
});

describe('Slack message text', () => {
  it("removes the bot's mention and turns Slack's markup into plain text", () => {
    expect(plainSlackText('<@UBOT> my e-mail is <mailto:maria@example.com|maria@example.com> &amp; see <https://acme.example/o/1|my order>', 'UBOT')).toBe(
      'my e-mail is maria@example.com & see my order',
    );
    expect(plainSlackText('<@UOTHER> and <@UBOT> hello', 'UBOT')).toBe('<@UOTHER> and hello');
    expect(plainSlackText('<@UBOT>', 'UBOT')).toBe('');
  });
});
