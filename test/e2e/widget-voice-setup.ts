import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import pino from 'pino';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createParleyServer, type ParleyServer } from '../../channels/http/create-parley-server.ts';
import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../core/stores/memory-store.ts';
import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';
import { spokenWav } from '../fixtures/voice/spoken-wav.ts';
import { chromiumPath } from '../support/browser.ts';
import { loadAcme } from '../support/load-acme.ts';
import { scriptedLanguageModel } from '../support/scripted-language-model.ts';

/** The model's long answer when the bot is talkative (about 10 s of speech), streamed slowly. */
export const longAnswer = [
  'Let me see. ', 'I am looking ', 'through our records ', 'for your recent orders. ', 'This can take ', 'a little while. ',
  'Thank you for ', 'waiting with me. ', 'I am still looking ', 'at every order ', 'placed in the last ', 'few weeks. ', 'Almost there. ',
];

const userSecret = 'voice-e2e-host-site-secret-of-32-chars-at-least';

/** The Acme bot behind a parley server with voice (pocketsphinx, espeak-ng) on loopback. */
export interface VoiceServer {
  url: string;
  acme: LoadedBot;
  store: ConversationStore;
  server: ParleyServer;
  /** The path of every HTTP request the server received, in order. */
  requests: string[];
  /** The conversation of the newest widget connection. */
  lastConversation(): string;
  close(): Promise<void>;
}

/**
 * Starts Acme with voice on, on 127.0.0.1 port 0. `talkative`: the classifier abstains on everything, so a
 * scripted model answers every turn with {@link longAnswer} and then looks order 45210 up (a command an
 * interruption must keep from running); otherwise Acme as shipped, with a scripted model that says nothing.
 */
export async function startVoiceServer(options: { talkative?: boolean } = {}): Promise<VoiceServer> {
  const talkative = options.talkative === true;
  // Talkative: every turn is out of scope, so the model answers it.
  const abstaining: IntentClassifier = {
    provider: 'abstains-always',
    intents: [],
    classify: () => ({ intent: null, confidence: 0.05, ranking: [], outOfScope: true }),
    serialize: () => ({}),
  };
  const scripted = scriptedLanguageModel(() =>
    talkative ? { chunks: longAnswer, delayMs: 600, calls: [{ name: 'get_order_status', arguments: { order_id: '45210' } }] } : {},
  );
  const store = createMemoryStore();
  const acme = await loadAcme({ model: scripted.model, knowledge: false, conversationStore: store, ...(talkative ? { classifier: abstaining } : {}) });
  const server = createParleyServer({
    bot: acme.bot,
    botName: 'Acme',
    log: pino({ level: 'silent' }),
    voice: { store },
    web: { userTokens: { secret: userSecret } },
  });
  const requests: string[] = [];
  const conversations: string[] = [];
  server.web?.io?.on('connection', (socket) => conversations.push((socket.data as { conversationId: string }).conversationId));
  server.on('request', (req: { url?: string }) => requests.push(new URL(req.url ?? '/', 'http://localhost').pathname));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    requests,
    lastConversation: () => conversations.at(-1) ?? '',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    acme,
    store,
    server,
    async close() {
      await server.web?.stop();
      await new Promise((resolve) => server.close(resolve));
      await acme.bot.close();
      rmSync(acme.dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in Acme customer (the order form then needs no e-mail). */
export function customerToken(): Promise<string> {
  return new SignJWT({ name: 'Maria Garcia', email: 'maria.garcia@example.com' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('cust-1001')
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(userSecret));
}

/** How the test browser's microphone behaves. */
export interface MicrophoneSetup {
  /** Text the fake microphone device says once when it opens (espeak-ng WAV, after 2.5 s of silence). */
  says?: string;
  /** The page may use the microphone (the fake permission prompt accepts). Default true. */
  allowed?: boolean;
  /** The browser has a (fake) microphone. Default true. */
  device?: boolean;
}

/** Debian's Chromium with a fake microphone (see DESIGN.md and issue #19), and a fresh profile. */
export async function launchVoiceBrowser(mic: MicrophoneSetup): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'parley-voice-chromium-'));
  const args = [
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
    '--autoplay-policy=no-user-gesture-required',
  ];
  if (mic.device !== false) args.push('--use-fake-device-for-media-stream');
  if (mic.allowed !== false) args.push('--use-fake-ui-for-media-stream');
  if (mic.says) {
    const wav = join(profile, 'microphone.wav');
    // The device plays from the moment the page opens it, but vad-web fetches its audio worklet only after that: a
    // short lead lost the first words under load ("was my order cancelled" for "I want to check my order status").
    writeFileSync(wav, spokenWav(mic.says, { padS: 2.5 }));
    args.push(`--use-file-for-fake-audio-capture=${wav}%noloop`);
  }
  const context = await chromium.launchPersistentContext(join(profile, 'profile'), { executablePath: chromiumPath, headless: true, args });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** How the test page mounts the widget. */
export interface VoicePageSetup {
  userToken?: string;
  /**
   * The widget's microphone is a stream mixed in the page: the fake device, the WAVs `say()` plays, and, when
   * `echoGain` is set, the widget's own playback at that gain (the bot heard back through a speaker). Default: the
   * widget opens the microphone itself.
   */
  mixedMicrophone?: { echoGain?: number; /** Mix in the fake device (what `MicrophoneSetup.says`). Default true. */ device?: boolean };
  /** Phrases `say()` may play, spoken by espeak-ng, served at `/test-audio/<index>.wav`. */
  phrases?: readonly string[];
}

/** A voice event the widget dispatched, as the page recorded it. */
export type RecordedVoiceEvent = { type: string; at: number } & Record<string, unknown>;

/** The recorded events of one type. */
export const ofType = (events: RecordedVoiceEvent[], type: string) => events.filter((e) => e.type === type);

/** The stored outcome of a turn on the voice server: its status and the commands it started. */
export async function outcomeOf(server: VoiceServer, conversationId: string, turnId: string) {
  const found = await server.store.findTurn(conversationId, turnId);
  if (found.status !== 'done') return { status: found.status, commands: [] as string[] };
  return { status: found.result.status, commands: found.result.events.flatMap((e) => (e.type === 'command-start' ? [e.name] : [])) };
}

const eventNames = [
  'parley-voice-state', 'parley-voice-speech-start', 'parley-voice-speech-end', 'parley-voice-echo-ignored', 'parley-voice-transcript',
  'parley-voice-playback-start', 'parley-voice-playback-end', 'parley-voice-barge-in', 'parley-voice-error', 'parley-voice-turn-end',
];

/** The test page's script: records voice events; builds the mixed microphone when asked. */
function pageScript(setup: VoicePageSetup): string {
  const config = { userToken: setup.userToken, mixed: setup.mixedMicrophone, events: eventNames };
  return `
const config = ${JSON.stringify(config)};
window.__voice = [];
for (const name of config.events) document.addEventListener(name, (e) => window.__voice.push({ type: name, ...e.detail }));
const players = [];
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () { players.push(this); window.__onPlay?.(this); return play.call(this); };
async function mixedMicrophone() {
  const ctx = new AudioContext();
  await ctx.resume();
  const mix = ctx.createMediaStreamDestination();
  if (config.mixed.device !== false) {
    const device = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true } });
    ctx.createMediaStreamSource(device).connect(mix);
  }
  window.__say = async (index) => {
    const buffer = await ctx.decodeAudioData(await (await fetch('/test-audio/' + index + '.wav')).arrayBuffer());
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(mix);
    source.start();
    return new Promise((resolve) => { source.onended = () => resolve(buffer.duration); });
  };
  if (config.mixed.echoGain) {
    const hear = (element) => {
      if (!(element.srcObject instanceof MediaStream)) return;
      const gain = ctx.createGain();
      gain.gain.value = config.mixed.echoGain;
      ctx.createMediaStreamSource(element.srcObject).connect(gain).connect(mix);
    };
    players.forEach(hear);
    window.__onPlay = hear;
  }
  return mix.stream;
}
ParleyWidget.mount({
  server: location.origin, open: true, storage: 'memory', welcome: '',
  ...(config.userToken ? { userToken: config.userToken } : {}),
  voice: config.mixed ? { getStream: mixedMicrophone } : {},
});
`;
}

/** Opens the test page (same origin as the server, so the widget and its voice files load from it). */
export async function openVoicePage(context: BrowserContext, url: string, setup: VoicePageSetup = {}): Promise<Page> {
  const page = await context.newPage();
  const phrases = setup.phrases ?? [];
  await page.route(`${url}/test-audio/*`, (route) => {
    const index = Number(new URL(route.request().url()).pathname.split('/').pop()?.replace('.wav', ''));
    const text = phrases[index];
    return text === undefined ? route.fulfill({ status: 404 }) : route.fulfill({ status: 200, contentType: 'audio/wav', body: Buffer.from(spokenWav(text)) });
  });
  await page.route(`${url}/voice-test`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>voice test</title></head><body>
<script src="/parley-widget.js" data-manual></script><script>${pageScript(setup)}</script></body></html>`,
    }),
  );
  await page.goto(`${url}/voice-test`);
  return page;
}

/** Has the page say phrase `index` of its `phrases` into the mixed microphone; resolves when it was played. */
export function say(page: Page, index: number): Promise<number> {
  return page.evaluate((i) => (window as unknown as { __say(i: number): Promise<number> }).__say(i), index);
}

/** The voice events recorded so far. */
export function voiceEvents(page: Page): Promise<RecordedVoiceEvent[]> {
  return page.evaluate(() => (window as unknown as { __voice: RecordedVoiceEvent[] }).__voice);
}

/** Waits until a recorded voice event matches `test`; returns it. */
export async function waitForVoiceEvent(
  page: Page,
  test: (event: RecordedVoiceEvent) => boolean,
  timeoutMs = 40_000,
): Promise<RecordedVoiceEvent> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await voiceEvents(page)).find(test);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no matching voice event in ${timeoutMs} ms; recorded: ${JSON.stringify(await voiceEvents(page))}`);
    await page.waitForTimeout(100);
  }
}
