import type { RecognizeOptions, SpeechToText, TranscriptEvent } from '../../engine/speech/speech-to-text.ts';
import type { SpeechEvent, SynthesizeOptions, TextToSpeech } from '../../engine/speech/text-to-speech.ts';

/** When the server's speech stages of one spoken turn happened, in epoch milliseconds (`performance.timeOrigin` based). */
export interface SpeechMarks {
  /** The utterance's `voice-end` arrived at the server (see {@link TimedSpeech.utteranceEnded}). */
  received?: number;
  /** The recognizer had read the utterance's last chunk. */
  audioEnd?: number;
  /** The recognizer gave its final transcript. */
  transcript?: number;
  /** The first sentence of the reply went to the synthesizer. */
  synthesisStart?: number;
  /** The synthesizer gave its first audio chunk. */
  firstAudio?: number;
}

/** Speech backends that note when each stage of a turn happened, for `npm run bench:voice`. */
export interface TimedSpeech {
  stt: SpeechToText;
  tts: TextToSpeech;
  /** Notes that an utterance's `voice-end` arrived (call it from a socket listener of its own). */
  utteranceEnded(): void;
  /** The marks of the turns since the last call, oldest first, and a fresh start. */
  take(): SpeechMarks[];
}

const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Wraps a recognizer and a synthesizer so each spoken turn's stages are stamped: a recognition opens a turn's marks,
 * its `voice-end` is the one that arrives while its audio still streams, and the first synthesis after its transcript
 * is the reply's first sentence. A recognition no `voice-end` reaches (the server readying its recognizer on a moment
 * of silence) is left out. Turns must not overlap (the benchmark speaks one utterance at a time).
 */
export function timeSpeech(stt: SpeechToText, tts: TextToSpeech): TimedSpeech {
  let marks: SpeechMarks[] = [];
  const timedStt: SpeechToText = {
    provider: stt.provider,
    closedVocabulary: stt.closedVocabulary,
    async *recognize(audio: AsyncIterable<Int16Array>, options: RecognizeOptions): AsyncIterable<TranscriptEvent> {
      const mark: SpeechMarks = {};
      marks.push(mark);
      const stamped = (async function* () {
        yield* audio;
        mark.audioEnd = epochNow();
      })();
      for await (const event of stt.recognize(stamped, options)) {
        if (event.type === 'transcript-final') mark.transcript = epochNow();
        yield event;
      }
    },
  };
  const timedTts: TextToSpeech = {
    provider: tts.provider,
    async *synthesize(text: string, options?: SynthesizeOptions): AsyncIterable<SpeechEvent> {
      const mark = marks.findLast((each) => each.received !== undefined);
      const first = mark?.transcript !== undefined && mark.synthesisStart === undefined ? mark : undefined;
      if (first) first.synthesisStart = epochNow();
      for await (const event of tts.synthesize(text, options)) {
        if (first && event.type === 'audio' && first.firstAudio === undefined) first.firstAudio = epochNow();
        yield event;
      }
    },
  };
  return {
    stt: timedStt,
    tts: timedTts,
    utteranceEnded() {
      const streaming = marks.find((mark) => mark.received === undefined && mark.audioEnd === undefined);
      if (streaming) streaming.received = epochNow();
    },
    take() {
      const taken = marks.filter((mark) => mark.received !== undefined);
      marks = [];
      return taken;
    },
  };
}
