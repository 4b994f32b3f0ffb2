import type { Logger } from 'pino';
import { botSpeechLanguage } from './bot-speech-language.ts';
import type { SpokenAnswer } from './spoken-answer.ts';
import type { VoiceServices } from './spoken-turn.ts';

/** A tenth of a second of silence at 16 kHz: enough for a recognizer to run its whole course once. */
const silence = new Int16Array(1600);

/** Languages already readied, per recognizer. */
const readied = new WeakMap<VoiceServices['stt'], WeakSet<object>>();

/**
 * Readies the recognizer for what the user may say next (the bot's language, with the answer it awaits): recognizes
 * a moment of silence against it once, so a recognizer that builds models or searches per language (pocketsphinx:
 * about a second for a bot's language) has them before the utterance streams and its partial transcripts keep up.
 * Runs in the background; a failure is logged, never thrown, since the utterance itself will say what is wrong.
 */
export function prepareRecognizer(services: VoiceServices, log: Logger, awaited?: SpokenAnswer): void {
  const language = botSpeechLanguage(services.registry, awaited);
  const languages = readied.get(services.stt) ?? new WeakSet<object>();
  readied.set(services.stt, languages);
  if (languages.has(language)) return;
  languages.add(language);
  const audio = (async function* () {
    yield silence;
  })();
  void (async () => {
    for await (const event of services.stt.recognize(audio, { sampleRate: 16_000, language })) if (event.type === 'transcript-final') return;
  })().catch((error: unknown) => {
    languages.delete(language);
    log.warn({ err: error }, 'readying the recognizer failed');
  });
}
