import { createEspeakTextToSpeech } from '../../../engine/speech/espeak/espeak-text-to-speech.ts';
import { textToSpeechContract } from './text-to-speech-contract.ts';

textToSpeechContract('espeak', () => createEspeakTextToSpeech());
