import { createRequire } from 'node:module';

type RecognizersText = typeof import('@microsoft/recognizers-text-suite');
type Chrono = typeof import('chrono-node');

const require = createRequire(import.meta.url);
let recognizers: RecognizersText | undefined;
let chrono: Chrono | undefined;

/**
 * Microsoft Recognizers-Text, loaded on first use: it takes about a second to load, which a bot that declares no
 * built-in needing it (and every command-line start) should not pay.
 */
export function recognizersText(): RecognizersText {
  recognizers ??= require('@microsoft/recognizers-text-suite') as RecognizersText;
  return recognizers;
}

/** chrono-node, loaded on first use for the same reason. */
export function chronoNode(): Chrono {
  chrono ??= require('chrono-node') as Chrono;
  return chrono;
}
