export { createEspeakTextToSpeech, defaultEspeakOptions, type EspeakOptions } from './espeak/espeak-text-to-speech.ts';
export {
  createOpenAISpeechToText,
  defaultOpenAISpeechToTextOptions,
  type OpenAISpeechToTextOptions,
} from './openai/openai-speech-to-text.ts';
export {
  createOpenAITextToSpeech,
  defaultOpenAITextToSpeechOptions,
  type OpenAITextToSpeechOptions,
} from './openai/openai-text-to-speech.ts';
export { durationMs, type PcmAudio } from './pcm-audio.ts';
export {
  createPocketsphinxSpeechToText,
  defaultPocketsphinxOptions,
  type PocketsphinxOptions,
} from './pocketsphinx/pocketsphinx-speech-to-text.ts';
export { debianPocketsphinxModelDir, pocketsphinxInstallHint } from './pocketsphinx/pocketsphinx-library.ts';
export {
  defaultMarginalTranscriptsOptions,
  type GradedUnderstanding,
  type MarginalTranscriptsOptions,
  marginalTranscripts,
} from './marginal-transcripts.ts';
export { defaultRankTranscriptsOptions, type RankTranscriptsOptions, rankTranscripts, type Understanding } from './rank-transcripts.ts';
export { resample } from './resample.ts';
export { SpeechBackendError } from './speech-backend-error.ts';
export { languageWords, type PhraseItem, type SpeechLanguage, type SpeechPhrase, type WeightedPhrase } from './speech-language.ts';
export {
  type RecognizeOptions,
  type SpeechToText,
  type Transcript,
  type TranscriptAlternative,
  type TranscriptEvent,
  transcribe,
  type WordPosterior,
} from './speech-to-text.ts';
export { SpeechUnavailableError } from './speech-unavailable-error.ts';
export { splitSentences } from './split-sentences.ts';
export type { SpeechEvent, SynthesizeOptions, TextToSpeech } from './text-to-speech.ts';
export { encodeWav, parseWav, wavSampleRates } from './wav.ts';
export { WavFormatError } from './wav-format-error.ts';
