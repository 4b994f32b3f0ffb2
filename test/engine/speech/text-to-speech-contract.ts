import { describe, expect, it } from 'vitest';
import type { SpeechEvent, TextToSpeech } from '../../../engine/speech/text-to-speech.ts';

async function collect(tts: TextToSpeech, text: string, signal?: AbortSignal): Promise<SpeechEvent[]> {
  const events: SpeechEvent[] = [];
  for await (const event of tts.synthesize(text, signal ? { signal } : {})) events.push(event);
  return events;
}

const audioMs = (events: readonly SpeechEvent[]) =>
  events.reduce((ms, e) => (e.type === 'audio' ? ms + (e.samples.length / e.sampleRate) * 1000 : ms), 0);

/**
 * The tests every {@link TextToSpeech} backend passes: audio for a sentence, more audio for more text, word
 * timings (where given) in order and inside the audio, cancellation, and nothing for blank text.
 */
export function textToSpeechContract(name: string, make: () => TextToSpeech | Promise<TextToSpeech>): void {
  describe(`TextToSpeech contract: ${name}`, () => {
    it('speaks a sentence as 16-bit PCM chunks of one sample rate', async () => {
      const tts = await make();
      const events = await collect(tts, 'Your order is on its way.');
      const audio = events.filter((e) => e.type === 'audio');
      expect(audio.length).toBeGreaterThan(0);
      expect(new Set(audio.map((e) => e.sampleRate)).size).toBe(1);
      expect(audio[0]!.sampleRate).toBeGreaterThanOrEqual(8000);
      // Six words take more than half a second and less than ten seconds to say.
      expect(audioMs(events)).toBeGreaterThan(500);
      expect(audioMs(events)).toBeLessThan(10_000);
      expect(audio.some((e) => e.samples.some((s) => Math.abs(s) > 1000))).toBe(true);
    });

    it('takes longer to say more', async () => {
      const tts = await make();
      const short = audioMs(await collect(tts, 'Hello.'));
      const long = audioMs(await collect(tts, 'Hello. Your order 12345 left our warehouse this morning and arrives on Friday.'));
      expect(long).toBeGreaterThan(short * 2);
    });

    it('gives word timings, when it has them, in order and within the audio', async () => {
      const tts = await make();
      const text = 'Please hold on. I am checking your order now.';
      const events = await collect(tts, text);
      const words = events.flatMap((e) => (e.type === 'word' ? [e] : []));
      if (words.length === 0) return;
      expect(words.map((w) => w.text.toLowerCase())).toEqual(expect.arrayContaining(['please', 'checking', 'order']));
      for (const [i, word] of words.entries()) {
        expect(word.endMs).toBeGreaterThanOrEqual(word.startMs);
        if (i > 0) expect(word.startMs).toBeGreaterThanOrEqual(words[i - 1]!.startMs);
        if (word.offset !== undefined) expect(text.slice(word.offset, word.offset + word.text.length)).toBe(word.text);
      }
      expect(words.at(-1)!.startMs).toBeLessThan(audioMs(events));
    });

    it('stops with an AbortError when its signal aborts, and keeps working', async () => {
      const tts = await make();
      const controller = new AbortController();
      const events: SpeechEvent[] = [];
      const run = (async () => {
        for await (const event of tts.synthesize('One sentence. Another sentence. A third sentence. And a fourth.', { signal: controller.signal })) {
          events.push(event);
          if (event.type === 'audio') controller.abort();
        }
      })();
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      const full = await collect(tts, 'One sentence. Another sentence. A third sentence. And a fourth.');
      expect(audioMs(events)).toBeLessThan(audioMs(full));
    });

    it('says nothing for blank text', async () => {
      const tts = await make();
      expect(audioMs(await collect(tts, '   '))).toBe(0);
    });
  });
}
