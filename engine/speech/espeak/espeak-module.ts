/// <reference path="./espeak-ng-emscripten.d.ts" />
import { createRequire } from 'node:module';
import { SpeechUnavailableError } from '../speech-unavailable-error.ts';

/** The npm package of espeak-ng in WASM: GPL-3.0, so an optional dependency of parley (MIT), loaded on first use. */
export const espeakPackage = '@echogarden/espeak-ng-emscripten';

/** How to get {@link espeakPackage} where it was left out (`npm install --omit=optional`). */
export const espeakInstallHint = `npm install ${espeakPackage}`;

/** Whether {@link espeakPackage} is installed where this module can import it (checked without loading it). */
export function espeakInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve(espeakPackage);
    return true;
  } catch {
    return false;
  }
}

/** One espeak-ng event of a synthesis callback (positions: 1-based characters; `audio_position` in ms). */
export interface EspeakEvent {
  type: string;
  text_position: number;
  word_length: number;
  audio_position: number;
}

/** The part of `@echogarden/espeak-ng-emscripten`'s worker parley calls. */
export interface EspeakWorker {
  set_voice(name: string): number;
  set_rate(wordsPerMinute: number): number;
  get_samplerate(): number;
  /** Calls `onChunk` with each piece of audio and the events in it; a truthy return stops synthesis. */
  synthesize(text: string, onChunk: (samples: Int16Array, events: EspeakEvent[]) => unknown): number;
}

let worker: Promise<EspeakWorker> | undefined;

/** The espeak-ng WASM worker, instantiated once per process (about 0.3 s). */
export function loadEspeakWorker(): Promise<EspeakWorker> {
  worker ??= (async () => {
    try {
      const { default: factory } = await import('@echogarden/espeak-ng-emscripten');
      const module = await factory({ print: () => {}, printErr: () => {} });
      return new module.eSpeakNGWorker() as EspeakWorker;
    } catch (error) {
      worker = undefined;
      throw new SpeechUnavailableError('espeak', `the espeak-ng WASM module (${espeakPackage}, an optional dependency) did not load`, espeakInstallHint, error);
    }
  })();
  return worker;
}
