import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackWebApi } from '../../../channels/slack/slack-web-api.ts';
import { startSlackStandIn } from './slack-stand-in.ts';

let slack: Awaited<ReturnType<typeof startSlackStandIn>>;

beforeAll(async () => {
  slack = await startSlackStandIn();
});
afterAll(async () => {
  await slack.close();
});

describe('Slack Web API client', () => {
  it('retries 5xx with backoff and succeeds', async () => {
    const api = createSlackWebApi({ token: 'xoxb-test', baseUrl: slack.apiUrl, backoffMs: 100 });
    slack.failures.push({ status: 503 }, { status: 502 });
    const ts = await api.postMessage({ channel: 'C-retry', text: 'hello' });
    expect(ts).toMatch(/^\d+\.\d+$/);
    const attempts = slack.calls.filter((c) => c.body.channel === 'C-retry');
    expect(attempts).toHaveLength(3);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(180);
  });

  it('fails at once, with Slack\'s error code, on ok: false answers', async () => {
    const api = createSlackWebApi({ token: 'xoxb-wrong', baseUrl: slack.apiUrl, backoffMs: 100 });
    await expect(api.postMessage({ channel: 'C-auth', text: 'hello' })).rejects.toMatchObject({ name: 'SlackApiError', slackError: 'invalid_auth', retryable: false });
    expect(slack.calls.filter((c) => c.body.channel === 'C-auth')).toHaveLength(1);
  });

  it('gives up after its retries on repeated 429s, and refuses a Retry-After longer than allowed', async () => {
    const api = createSlackWebApi({ token: 'xoxb-test', baseUrl: slack.apiUrl, maxRetries: 1, maxRetryAfterS: 5 });
    slack.failures.push({ status: 429, headers: { 'retry-after': '0' } }, { status: 429, headers: { 'retry-after': '0' } });
    await expect(api.postMessage({ channel: 'C-429', text: 'hello' })).rejects.toMatchObject({ status: 429 });
    expect(slack.calls.filter((c) => c.body.channel === 'C-429')).toHaveLength(2);
    slack.failures.push({ status: 429, headers: { 'retry-after': '3600' } });
    await expect(api.postMessage({ channel: 'C-long', text: 'hello' })).rejects.toMatchObject({ retryAfterS: 3600 });
    expect(slack.calls.filter((c) => c.body.channel === 'C-long')).toHaveLength(1);
  });
});
