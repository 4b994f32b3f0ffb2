/**
 * Voice in the browser, end to end (#19), over 20 recordings of the Acme bot's customers with a pause inside each
 * sentence (`test/fixtures/voice-recordings/`):
 *
 * 1. End of turn: vad-web's `MicVAD` with the widget's settings (`web-client/voice/end-of-turn.ts`) hears every
 *    recording in Chromium; the share cut before the true end of speech (premature cut-offs) and the hangover. Then
 *    what other end-of-turn waits would give on the same audio (a sweep).
 * 2. Latency: parley serves the Acme bot with voice on; Chromium opens its demo page, turns the widget's microphone on
 *    (a stream the benchmark plays the recordings into) and says each recording in its own conversation. Voice to
 *    voice runs from the true end of speech to the first reply audio playing in the page, in stages: VAD hangover,
 *    transfer, STT, dialogue, first TTS chunk, playback start; and from the widget's end-of-utterance event to the
 *    first audio.
 *
 *   npm run bench:voice [-- --json] [--limit 20] [--only 04,12] [--skip-latency]
 *
 * Prints Markdown tables on stdout; with --json, one JSON object follows as the last line (rates in [0, 1], times
 * in milliseconds). Progress goes to stderr.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createParleyServer } from '../../channels/http/create-parley-server.ts';
import { voiceFromConfig } from '../../channels/voice/voice-from-config.ts';
import { loadBotDirectory } from '../../core/load-bot-directory.ts';
import { endOfTurnSettings } from '../../web-client/voice/end-of-turn.ts';
import { pausedRecordings } from '../fixtures/voice-recordings/paused-recordings.ts';
import { spokenWav } from '../fixtures/voice/spoken-wav.ts';
import { launchBrowser } from '../support/browser.ts';
import { setup as buildWidgetIfStale } from '../support/build-widget-once.ts';
import { measureEndOfTurn, summarizeEndOfTurn } from './voice-end-of-turn-measure.ts';
import { type SweepPoint, sweepEndOfTurn } from './voice-end-of-turn-sweep.ts';
import { measureVoiceLatency } from './voice-latency-run.ts';
import { summarizeVoiceLatency, type VoiceLatencySummary, voiceStages } from './voice-latency-stats.ts';
import { timeSpeech } from './voice-timed-speech.ts';
import { serveVadPage } from './voice-vad-page.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    limit: { type: 'string', default: '20' },
    only: { type: 'string' },
    'skip-latency': { type: 'boolean', default: false },
  },
});
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > 20) {
  process.stderr.write(`--limit must be a whole number from 1 to 20 (got ${JSON.stringify(values.limit)})\n`);
  process.exit(2);
}
const progress = (line: string) => process.stderr.write(`${line}\n`);
const only = values.only?.split(',');
const recordings = pausedRecordings()
  .filter((recording) => !only || only.some((name) => recording.name.startsWith(name)))
  .slice(0, limit);
if (recordings.length === 0) {
  process.stderr.write(`--only ${values.only} names no recording (they are 01-… to 20-…, e.g. --only 04,12)\n`);
  process.exit(2);
}
const frameMs = 32;

// 1. End of turn.
progress(`end of turn: ${recordings.length} recordings through MicVAD in Chromium…`);
const site = await serveVadPage(new Map(recordings.map((recording) => [recording.name, recording.wav])));
const vadBrowser = await launchBrowser();
const endOfTurn = await (async () => {
  try {
    const page = await vadBrowser.context.newPage();
    await page.goto(site.url);
    return await measureEndOfTurn(
      page,
      site.assetBase,
      recordings.map((recording) => ({ id: recording.name, recording, settings: endOfTurnSettings(recording.awaiting) })),
    );
  } finally {
    await vadBrowser.close();
    await site.close();
  }
})();
const endSummary = summarizeEndOfTurn(endOfTurn);
const waits = Array.from({ length: 15 }, (_, i) => (8 + 2 * i) * frameMs);
const sweep: Record<'other' | 'digits', SweepPoint[]> = {
  other: await sweepEndOfTurn(endOfTurn.filter((outcome) => outcome.recording.awaiting !== 'digits'), waits),
  digits: await sweepEndOfTurn(endOfTurn.filter((outcome) => outcome.recording.awaiting === 'digits'), waits),
};

// 2. Latency through the widget.
let latency: VoiceLatencySummary | undefined;
let cutWhileSpoken: string[] = [];
if (!values['skip-latency']) {
  progress('building the widget and its voice module if their sources changed…');
  await buildWidgetIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-voice-'));
  const loaded = await loadBotDirectory('examples/acme', { env: {}, overrides: { store: 'memory', dataDir, logLevel: 'silent' } });
  const log = pino({ level: 'silent' });
  const voice = voiceFromConfig(loaded.config.voice, log, loaded.store) || undefined;
  if (!voice?.stt || !voice.tts) {
    progress('voice is off on this machine (pocketsphinx missing?): apt-get install pocketsphinx pocketsphinx-en-us');
    process.exit(1);
  }
  const timed = timeSpeech(voice.stt, voice.tts);
  const server = createParleyServer({ bot: loaded.bot, botName: loaded.definition.name, log, voice: { ...voice, stt: timed.stt, tts: timed.tts } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The voice-done events of the newest connection (the page being measured; an older page's turn may still end).
  const voiceDone: { count: number; awaiting?: string } = { count: 0 };
  let newest: string | undefined;
  server.web?.io?.on('connection', (socket) => {
    newest = socket.id;
    delete voiceDone.awaiting;
    socket.onAny((event: string) => {
      if (event === 'voice-end') timed.utteranceEnded();
    });
    socket.onAnyOutgoing((event: string, done?: { awaiting?: string }) => {
      if (event !== 'voice-done' || socket.id !== newest) return;
      voiceDone.count++;
      voiceDone.awaiting = done?.awaiting;
    });
  });
  const browser = await launchBrowser();
  try {
    progress(`latency: ${recordings.length} spoken turns through the widget…`);
    const turns = await measureVoiceLatency({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      context: browser.context,
      recordings,
      timed,
      primer: spokenWav('where is my order', { padS: 0.3 }),
      voiceDone: () => ({ ...voiceDone }),
      log: progress,
    });
    latency = summarizeVoiceLatency(turns);
    cutWhileSpoken = turns.filter((turn) => turn.premature).map((turn) => `${turn.recording.name} (waiting for ${turn.told ?? 'none'})`);
  } finally {
    await browser.close();
    await server.web?.stop();
    await new Promise((resolve) => server.close(resolve));
    await loaded.bot.close();
  }
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '—');
const pct = (value: number) => `${(value * 100).toFixed(0)} %`;
const settings = { none: endOfTurnSettings('none'), digits: endOfTurnSettings('digits') };
console.log(`## End of turn (${endSummary.n} recordings, vad-web MicVAD, Silero v5)\n`);
console.log('| settings | premature cut-offs | hangover p50 | hangover p95 |');
console.log('|---|---|---|---|');
console.log(
  `| widget's (${settings.none.redemptionMs} ms; ${settings.digits.redemptionMs} ms for digits) | ${endSummary.premature}/${endSummary.n} (${pct(endSummary.prematureCutoffRate)}) | ${ms(endSummary.hangoverP50Ms)} | ${ms(endSummary.hangoverP95Ms)} |`,
);
console.log('\n| end-of-turn wait | cut-offs, sentences (300–700 ms pauses) | hangover p50 | cut-offs, digits (600–1000 ms) | hangover p50 |');
console.log('|---|---|---|---|---|');
waits.forEach((wait, i) => {
  const other = sweep.other[i]!;
  const digits = sweep.digits[i]!;
  console.log(`| ${wait} ms | ${pct(other.prematureCutoffRate)} | ${ms(other.hangoverP50Ms)} | ${pct(digits.prematureCutoffRate)} | ${ms(digits.hangoverP50Ms)} |`);
});
if (latency) {
  console.log(`\n## Latency (${latency.n} spoken turns through the widget)\n`);
  console.log('| measure | p50 | p95 | share of voice to voice |');
  console.log('|---|---|---|---|');
  console.log(`| voice to voice (true end of speech → first reply audio) | ${ms(latency.voiceToVoice.p50_ms)} | ${ms(latency.voiceToVoice.p95_ms)} | |`);
  for (const stage of voiceStages) {
    const { p50_ms, p95_ms, share } = latency.stages[stage];
    console.log(`| · ${stage.replaceAll('_', ' ')} | ${ms(p50_ms)} | ${ms(p95_ms)} | ${pct(share)} |`);
  }
  console.log(`| widget's end of utterance → first reply audio | ${ms(latency.speechEndToAudio.p50_ms)} | ${ms(latency.speechEndToAudio.p95_ms)} | |`);
  console.log(`\nCut before the true end while they played to the widget (early end of turn on): ${latency.prematureCutoffs}/${latency.n}.`);
  if (latency.prematureCutoffs > 0) console.log(`\nCut in two while they played to the widget: ${cutWhileSpoken.join(', ')}.`);
}
if (values.json) {
  console.log(
    JSON.stringify({
      n: latency?.n ?? 0,
      voice_to_voice_p50_ms: latency?.voiceToVoice.p50_ms ?? null,
      voice_to_voice_p95_ms: latency?.voiceToVoice.p95_ms ?? null,
      p50_ms: latency?.speechEndToAudio.p50_ms ?? null,
      p95_ms: latency?.speechEndToAudio.p95_ms ?? null,
      // Through the widget and the server (the early end of turn needs the server's partial transcripts); MicVAD
      // alone, with only the silence waits, when the latency part was skipped.
      premature_cutoff_rate: latency ? latency.prematureCutoffs / latency.n : endSummary.prematureCutoffRate,
      vad_premature_cutoff_rate: endSummary.prematureCutoffRate,
      end_of_turn_n: endSummary.n,
      hangover_p50_ms: Math.round(endSummary.hangoverP50Ms),
      hangover_p95_ms: Math.round(endSummary.hangoverP95Ms),
      stages: latency?.stages ?? null,
      latency_premature_cutoffs: latency?.prematureCutoffs ?? null,
      settings,
      sweep: Object.fromEntries(
        Object.entries(sweep).map(([group, points]) => [
          group,
          points.map((point) => ({
            redemption_ms: point.redemptionMs,
            premature_cutoff_rate: point.prematureCutoffRate,
            hangover_p50_ms: Math.round(point.hangoverP50Ms),
          })),
        ]),
      ),
    }),
  );
}
