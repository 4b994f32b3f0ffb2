import type { BrowserContext, Page } from 'playwright-core';
import type { PausedRecording } from '../fixtures/voice-recordings/paused-recordings.ts';
import { benchMicrophoneEvents, installBenchMicrophone, playToBenchMicrophone, voiceEventNames } from './voice-bench-microphone.ts';
import type { SpeechMarks, TimedSpeech } from './voice-timed-speech.ts';

/** One recording spoken to the widget, with every time on the server's clock (epoch milliseconds). */
export interface LatencyTurn {
  recording: PausedRecording;
  /** Where speech truly ends in the recording, as it played into the page's microphone. */
  trueEnd: number;
  /** Each end of an utterance the widget's detector decided while the recording played. */
  speechEnds: number[];
  /** An utterance ended before the true end (the sentence was cut in two). */
  premature: boolean;
  /** The widget's end of the utterance that held the end of speech. */
  speechEnd?: number;
  /** The reply to that utterance starts playing in the page. */
  playbackStart?: number;
  /** The server's stages of that utterance's turn. */
  marks?: SpeechMarks;
  transcript?: string;
  /** What the server told the widget the bot awaits before the recording (`none` in a fresh conversation). */
  told?: string;
}

/** Options of {@link measureVoiceLatency}. */
export interface VoiceLatencyOptions {
  /** The parley server (its demo page at `/` carries the widget). */
  url: string;
  context: BrowserContext;
  recordings: readonly PausedRecording[];
  timed: TimedSpeech;
  /** Said first, in the same conversation, before a recording whose words answer a request for digits. */
  primer: Uint8Array;
  /**
   * How many `voice-done` events the server has sent so far (the primer's reply must be over before the recording)
   * and the `awaiting` of the last one (what the widget's end-of-turn wait follows).
   */
  voiceDone(): { count: number; awaiting?: string };
  /** Progress, one line per recording. */
  log?: (line: string) => void;
}

/** The longest a recording's reply may take to start playing, in milliseconds. */
const replyTimeoutMs = 20_000;

/**
 * Speaks each recording to the widget on parley's demo page, one conversation each (after one unmeasured warm-up
 * conversation): opens the chat, presses the
 * microphone button (the widget's `getUserMedia` gets the benchmark's stream), says the primer first when the
 * recording answers a request for digits (so the bot has asked for an order number and the widget waits for
 * digits), then plays the recording and collects the widget's voice events and the server's stage marks.
 */
export async function measureVoiceLatency(options: VoiceLatencyOptions): Promise<LatencyTurn[]> {
  const { context, timed } = options;
  const wavs = new Map(options.recordings.map((recording) => [recording.name, recording.wav]));
  wavs.set('primer', options.primer);
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await context.addInitScript(installBenchMicrophone, voiceEventNames);
  // Each page a new conversation: the widget keeps its conversation in the origin's storage.
  await context.addInitScript({ content: 'localStorage.clear(); sessionStorage.clear();' });
  await context.route('**/bench-wav/*', (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
    const wav = wavs.get(name);
    return wav ? route.fulfill({ status: 200, contentType: 'audio/wav', body: Buffer.from(wav) }) : route.fulfill({ status: 404 });
  });
  // One unmeasured conversation first: the recognizer, the voice module and the browser's cache load once.
  const warmUp = await context.newPage();
  try {
    await openVoice(warmUp, options.url);
    await sayAndWait(warmUp, 'primer', options.voiceDone);
  } finally {
    await warmUp.close();
  }
  const turns: LatencyTurn[] = [];
  for (const recording of options.recordings) {
    const page = await context.newPage();
    try {
      await openVoice(page, options.url);
      // The recognizer may mishear the primer; then the bot asks something else, and it is said again.
      for (let tries = 0; recording.awaiting === 'digits' && options.voiceDone().awaiting !== 'digits' && tries < 3; tries++)
        await sayAndWait(page, 'primer', options.voiceDone);
      timed.take();
      const told = recording.awaiting === 'digits' ? (options.voiceDone().awaiting ?? 'none') : 'none';
      if (recording.awaiting === 'digits' && told !== 'digits') options.log?.(`${recording.name}: the bot did not ask for digits after three tries`);
      const turn = { ...(await speak(page, recording, timed)), told };
      turns.push(turn);
      const v2v = turn.playbackStart !== undefined ? `${Math.round(turn.playbackStart - turn.trueEnd)} ms` : 'no reply';
      const ends = turn.speechEnds.map((at) => `${at >= turn.trueEnd ? '+' : ''}${Math.round(at - turn.trueEnd)}`).join(', ');
      options.log?.(`${recording.name} (wait for ${told}): utterance ends ${ends} ms from the true end; voice to voice ${v2v}${turn.premature ? ', cut early' : ''} — "${turn.transcript ?? ''}"`);
    } finally {
      await page.close();
    }
  }
  return turns;
}

async function openVoice(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: /chat/i }).first().click();
  await page.getByRole('button', { name: 'Talk' }).click();
  await page.locator('parley-widget[data-voice="listening"]').waitFor({ state: 'attached', timeout: 30_000 });
}

/**
 * Plays a WAV and waits until its reply is over: the server said `voice-done` (which carries what the bot awaits
 * next, and so the widget's next end-of-turn wait) and the page finished playing. The page alone cannot tell: its
 * playback may drain between two sentences of a reply.
 */
async function sayAndWait(page: Page, name: string, voiceDone: VoiceLatencyOptions['voiceDone']): Promise<void> {
  const doneBefore = voiceDone().count;
  await page.evaluate(playToBenchMicrophone, `/bench-wav/${name}`);
  const deadline = Date.now() + replyTimeoutMs;
  while (voiceDone().count === doneBefore) {
    if (Date.now() > deadline) throw new Error(`no voice-done for ${name} within ${replyTimeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const before = (await page.evaluate(benchMicrophoneEvents)).events.length;
  await page.waitForFunction(
    (from) => {
      const events = (globalThis as unknown as { benchMicrophone: { events: Array<{ name: string; detail: { state?: string } }> } }).benchMicrophone.events;
      return events.slice(from).some((event) => event.name === 'parley-voice-playback-end') || events.at(-1)?.detail.state === 'listening';
    },
    before,
    { timeout: replyTimeoutMs },
  );
}

async function speak(page: Page, recording: PausedRecording, timed: TimedSpeech): Promise<LatencyTurn> {
  const before = (await page.evaluate(benchMicrophoneEvents)).events.length;
  const start = await page.evaluate(playToBenchMicrophone, `/bench-wav/${recording.name}`);
  const trueEndPage = start + recording.speechEndMs;
  // The reply to the utterance that held the end of speech starts playing (or the time runs out).
  await page
    .waitForFunction(
      ({ from, trueEnd }) => {
        const events = (globalThis as unknown as { benchMicrophone: { events: Array<{ name: string; at: number; detail: { utteranceId?: string } }> } })
          .benchMicrophone.events.slice(from);
        const last = events.filter((event) => event.name === 'parley-voice-speech-end' && event.at >= trueEnd).at(-1);
        return last !== undefined && events.some((event) => event.name === 'parley-voice-playback-start' && event.detail.utteranceId === last.detail.utteranceId);
      },
      { from: before, trueEnd: trueEndPage },
      { timeout: recording.durationMs + replyTimeoutMs },
    )
    .catch(() => undefined);
  const { timeOrigin, events: all } = await page.evaluate(benchMicrophoneEvents);
  const events = all.slice(before);
  const epoch = (at: number) => timeOrigin + at;
  const ends = events.filter((event) => event.name === 'parley-voice-speech-end');
  const answered = ends.filter((event) => event.at >= trueEndPage).at(-1);
  const id = answered?.detail.utteranceId;
  const playback = events.find((event) => event.name === 'parley-voice-playback-start' && event.detail.utteranceId === id);
  const transcript = events.find((event) => event.name === 'parley-voice-transcript' && event.detail.utteranceId === id);
  const marks = timed.take().filter((mark) => answered === undefined || (mark.received ?? 0) >= epoch(answered.at)).at(0);
  return {
    recording,
    trueEnd: epoch(trueEndPage),
    speechEnds: ends.map((event) => epoch(event.at)),
    premature: ends.some((event) => event.at < trueEndPage),
    ...(answered ? { speechEnd: epoch(answered.at) } : {}),
    ...(playback ? { playbackStart: epoch(playback.at) } : {}),
    ...(marks ? { marks } : {}),
    ...(typeof transcript?.detail.text === 'string' ? { transcript: transcript.detail.text } : {}),
  };
}
