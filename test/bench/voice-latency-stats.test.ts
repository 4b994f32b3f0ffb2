import { describe, expect, it } from 'vitest';
import type { SpeechToText, TranscriptEvent } from '../../engine/speech/speech-to-text.ts';
import type { SpeechEvent, TextToSpeech } from '../../engine/speech/text-to-speech.ts';
import { pausedRecordings } from '../fixtures/voice-recordings/paused-recordings.ts';
import type { LatencyTurn } from './voice-latency-run.ts';
import { stageTimes, summarizeVoiceLatency } from './voice-latency-stats.ts';
import { timeSpeech } from './voice-timed-speech.ts';

const recording = pausedRecordings({ tailMs: 100 })[0]!;

/** A turn whose stamps are `trueEnd` plus the given stage lengths, in order. */
function turn(trueEnd: number, stages: number[], premature = false): LatencyTurn {
  const at = [trueEnd];
  for (const length of stages) at.push(at.at(-1)! + length);
  return {
    recording,
    trueEnd,
    speechEnds: [at[1]!],
    premature,
    speechEnd: at[1]!,
    marks: { received: at[2]!, transcript: at[3]!, synthesisStart: at[4]!, firstAudio: at[5]! },
    playbackStart: at[6]!,
  };
}

describe('voice-to-voice stages of bench:voice', () => {
  it('splits each turn into stages that add up to voice to voice, with shares of the total', () => {
    const turns = [turn(1000, [700, 10, 200, 30, 40, 20]), turn(5000, [800, 20, 400, 50, 60, 70], true)];
    expect(stageTimes(turns[0]!)).toEqual({ vad_hangover: 700, transfer: 10, stt: 200, dialogue: 30, first_tts_chunk: 40, playback_start: 20 });
    const summary = summarizeVoiceLatency(turns);
    expect(summary.n).toBe(2);
    expect(summary.voiceToVoice).toEqual({ p50_ms: 1200, p95_ms: 1400 });
    expect(summary.speechEndToAudio).toEqual({ p50_ms: 450, p95_ms: 600 });
    expect(summary.stages.vad_hangover.share).toBeCloseTo(1500 / 2400, 3);
    expect(Object.values(summary.stages).reduce((sum, stage) => sum + stage.share, 0)).toBeCloseTo(1, 2);
    expect(summary.prematureCutoffs).toBe(1);
  });

  it('leaves out a turn with a missing stamp (no reply played)', () => {
    const { playbackStart: _, ...unanswered } = turn(1000, [700, 10, 200, 30, 40, 20]);
    expect(stageTimes(unanswered)).toBeUndefined();
    expect(summarizeVoiceLatency([unanswered]).n).toBe(0);
  });
});

describe('timeSpeech', () => {
  it('stamps arrival, transcript, the first synthesis after it and its first audio, in order, per turn', async () => {
    const stt: SpeechToText = {
      provider: 'fake',
      closedVocabulary: true,
      async *recognize(audio): AsyncIterable<TranscriptEvent> {
        for await (const _ of audio) yield { type: 'transcript-partial', text: 'where' };
        yield { type: 'transcript-final', text: 'where is my order', confidence: 1 };
      },
    };
    const tts: TextToSpeech = {
      provider: 'fake',
      async *synthesize(): AsyncIterable<SpeechEvent> {
        await new Promise((resolve) => setTimeout(resolve, 5));
        yield { type: 'audio', samples: new Int16Array(160), sampleRate: 16_000 };
      },
    };
    const timed = timeSpeech(stt, tts);
    const silence = async function* () {
      yield new Int16Array(160);
    };
    // The server readying its recognizer: no voice-end reaches it, so it is no turn.
    for await (const _ of timed.stt.recognize(silence(), { sampleRate: 16_000 })) {
      // Read to the end.
    }
    let endAudio = () => {};
    const streamed = async function* () {
      yield new Int16Array(160);
      await new Promise<void>((resolve) => {
        endAudio = resolve;
      });
    };
    const recognition = (async () => {
      for await (const _ of timed.stt.recognize(streamed(), { sampleRate: 16_000 })) {
        // Read to the end, as the voice channel does.
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // voice-end arrives while the utterance's audio still streams.
    timed.utteranceEnded();
    endAudio();
    await recognition;
    for (const sentence of ['First.', 'Second.']) for await (const _ of timed.tts.synthesize(sentence)) {
      // Both sentences are synthesized; only the first is the reply's first audio.
    }
    const [marks, ...more] = timed.take();
    expect(more).toHaveLength(0);
    const { received, audioEnd, transcript, synthesisStart, firstAudio } = marks!;
    expect([received, audioEnd, transcript, synthesisStart, firstAudio].every((at) => typeof at === 'number')).toBe(true);
    expect(received! <= audioEnd! && audioEnd! <= transcript! && transcript! <= synthesisStart! && synthesisStart! < firstAudio!).toBe(true);
    expect(firstAudio! - synthesisStart!).toBeGreaterThanOrEqual(4);
    expect(timed.take()).toEqual([]);
  });
});
