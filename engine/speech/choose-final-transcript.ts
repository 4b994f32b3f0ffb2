import type { RecognizeOptions, SpeechToText, TranscriptAlternative, TranscriptEvent } from './speech-to-text.ts';

/** Picks the place of the reading to hand on among a final transcript's readings (0 = the transcript), or undefined to keep it. */
export type ChooseReading = (readings: readonly TranscriptAlternative[], options: RecognizeOptions) => number | undefined;

/**
 * A recognizer whose final transcripts may give way to one of their `alternatives`: `choose` sees the transcript
 * and its first `readings - 1` alternatives (posteriors kept) and names the one to hand on; the others stay as
 * `alternatives`, likeliest first. Partial transcripts, empty ones, ones without alternatives and a phrase of the
 * language heard as such (`phrase`: what the bot was built to understand) pass through unchanged. The shared frame
 * of `rankTranscripts` and `marginalTranscripts`.
 */
export function chooseFinalTranscript(stt: SpeechToText, choose: ChooseReading, readings: number): SpeechToText {
  return {
    provider: stt.provider,
    closedVocabulary: stt.closedVocabulary,
    async *recognize(audio, options): AsyncGenerator<TranscriptEvent> {
      for await (const event of stt.recognize(audio, options)) {
        if (event.type !== 'transcript-final' || event.phrase || !event.alternatives?.length || event.text === '') {
          yield event;
          continue;
        }
        const top: TranscriptAlternative = { text: event.text, confidence: event.confidence, ...(event.posterior !== undefined ? { posterior: event.posterior } : {}) };
        const offered = [top, ...event.alternatives].slice(0, readings);
        const chosen = choose(offered, options);
        if (chosen === undefined || chosen === 0) {
          yield event;
          continue;
        }
        const reading = offered[chosen]!;
        const alternatives = [top, ...event.alternatives].filter((r) => r.text !== reading.text);
        const { type, words } = event;
        yield { type, text: reading.text, confidence: reading.confidence, ...(reading.posterior !== undefined ? { posterior: reading.posterior } : {}), alternatives, ...(words ? { words } : {}) };
      }
    },
  };
}
