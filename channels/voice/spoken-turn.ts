import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import type { TurnHandler, TurnInterrupter } from '../../core/contracts/turn-handler.ts';
import type { TurnResult, TurnStatus } from '../../core/contracts/turn-result.ts';
import type { UserTurn } from '../../core/contracts/user-turn.ts';
import type { SkillRegistry } from '../../core/skill-registry.ts';
import type { SpeechToText } from '../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import type { TextToSpeech } from '../../engine/speech/text-to-speech.ts';
import { awaitedAnswer } from './awaited-answer.ts';
import { botSpeechLanguage, canSpeakAnswer } from './bot-speech-language.ts';
import { createReplySpeaker, type ReplyAudio, type SpokenWord } from './reply-speaker.ts';
import type { SpokenAnswer } from './spoken-answer.ts';
import type { TurnCompleteness } from './turn-completeness.ts';
import type { VoiceMessages } from './voice-messages.ts';

/** What a spoken turn needs besides its audio: the bot, its skills, where its state is, and the speech backends. */
export interface VoiceServices {
  bot: TurnHandler & TurnInterrupter;
  registry: SkillRegistry;
  /** The bot's store, to read what it is waiting for (the awaited answer shapes recognition). Default: none. */
  store?: ConversationStore;
  stt: SpeechToText;
  tts: TextToSpeech;
  messages: VoiceMessages;
  /** Judges whether a partial transcript is a complete request (the widget's early end of turn). Default: never. */
  completeness?: TurnCompleteness;
}

/**
 * What the recognizer heard so far (`final: false`) or in the end. A partial says how much of the utterance's audio
 * it covers (`audioMs`) and whether those words form a complete request (`complete`).
 */
export interface SpokenTranscript {
  text: string;
  confidence: number;
  final: boolean;
  complete?: boolean;
  audioMs?: number;
}

/** One spoken turn: the turn as a channel knows it (without text) and its audio. */
export interface SpokenTurnInput {
  turn: Omit<UserTurn, 'text'>;
  /** 16-bit PCM chunks, mono, at `sampleRate`. */
  audio: AsyncIterable<Int16Array>;
  sampleRate: number;
  /** Aborting stops recognition and speech at once. */
  signal: AbortSignal;
  onTranscript?: (transcript: SpokenTranscript) => void;
  /** Reply events as they come, the channel's own notes included. */
  onEvent?: (event: BotEvent) => void;
  /** Each chunk of the reply's speech; a returned promise holds synthesis back (pacing to playback). */
  onAudio?: (audio: ReplyAudio) => void | Promise<void>;
  /** Each word of the reply's speech, timed from the start of the turn's audio, as it is synthesized. */
  onWord?: (word: SpokenWord) => void;
}

/** How a spoken turn ended: a turn status, or `no_speech` when nothing was recognized (no turn ran). */
export type SpokenTurnStatus = TurnStatus | 'no_speech';

/** The outcome of {@link runSpokenTurn}. */
export interface SpokenTurnResult {
  status: SpokenTurnStatus;
  transcript: string;
  confidence: number;
  /** The bot's turn; absent when nothing was heard. */
  result?: TurnResult;
  /** Every reply event, the channel's notes included. */
  events: BotEvent[];
  words: SpokenWord[];
  audioMs: number;
  /** What the bot waits for after the turn (read from its store); absent without a store or after an abort. */
  awaited?: SpokenAnswer;
}

const note = (messageId: string, text: string): BotEvent[] => [
  { type: 'text-delta', messageId, delta: text },
  { type: 'text-end', messageId, text },
  { type: 'speak', messageId, text },
];

/**
 * Runs one spoken turn: recognizes the audio against what the bot understands now (its examples, entities and the
 * answer it is waiting for), runs the transcript as an ordinary turn of the bot (spoken digits as digits), and
 * speaks the reply as it streams. When nothing is recognized it says so without running a turn; when the bot
 * then asks for something a closed-vocabulary recognizer cannot hear (an e-mail address) it offers typing.
 */
export async function runSpokenTurn(services: VoiceServices, input: SpokenTurnInput): Promise<SpokenTurnResult> {
  const { bot, registry, store, stt, tts, messages } = services;
  const { turn, signal } = input;
  const events: BotEvent[] = [];
  const speaker = createReplySpeaker({ tts, signal, onAudio: (audio) => input.onAudio?.(audio), onWord: (word) => input.onWord?.(word) });
  const emit = (event: BotEvent) => {
    events.push(event);
    input.onEvent?.(event);
    speaker.event(event);
  };
  const awaited = store ? await awaitedAnswer(store, registry, turn.conversationId) : undefined;
  let transcript = { text: '', confidence: 0 };
  const partials = judgedPartials(input, (text) => services.completeness?.(text, { ...(awaited ? { awaited } : {}), locale: turn.locale }) ?? false);
  for await (const event of stt.recognize(partials.audio, { sampleRate: input.sampleRate, language: botSpeechLanguage(registry, awaited), locale: turn.locale, signal })) {
    if (event.type === 'transcript-partial') partials.heard(event.text);
    else transcript = { text: spokenDigitsToText(event.text), confidence: event.confidence };
  }
  input.onTranscript?.({ ...transcript, final: true });
  // Interrupted while still listening: the user took it back before the bot ever heard it.
  if (signal.aborted) return { status: 'superseded', transcript: transcript.text, confidence: transcript.confidence, events, words: [], audioMs: 0 };
  if (transcript.text === '') {
    for (const event of note(`${turn.id}:not-heard`, messages.notHeard)) emit(event);
    return { status: 'no_speech', transcript: '', confidence: 0, events, ...(await speaker.done()) };
  }
  const result = await bot.handle({ ...turn, text: transcript.text }, { onEvent: emit });
  if (result.status === 'duplicate') for (const event of result.events) emit(event);
  const next = store && !signal.aborted ? await awaitedAnswer(store, registry, turn.conversationId) : undefined;
  if (stt.closedVocabulary && next?.kind === 'slot' && !canSpeakAnswer(registry, next)) for (const event of note(`${turn.id}:type-instead`, messages.typeInstead(next.label))) emit(event);
  return { status: result.status, transcript: transcript.text, confidence: transcript.confidence, result, events, ...(await speaker.done()), ...(next ? { awaited: next } : {}) };
}

/**
 * The utterance's audio as the recognizer pulls it, and its partial transcripts with the audio each covers: a
 * streaming recognizer decodes a chunk before it asks for the next, so a partial covers all audio pulled so far, and
 * when it asks for more without a new partial, the words stand for that audio too. A partial counts as complete only
 * once it has stood over a further chunk: the recognizer often guesses a word into a pause ("return it") and drops it
 * a chunk later. The complete partial is said again as it stands over more audio, so the widget knows it still holds
 * up to the silence it is waiting in.
 */
function judgedPartials(input: SpokenTurnInput, complete: (text: string) => boolean): { audio: AsyncIterable<Int16Array>; heard(text: string): void } {
  let pulledSamples = 0;
  let last: SpokenTranscript | undefined;
  /** A new partial came while the recognizer decoded the latest chunk. */
  let changed = false;
  const judged = new Map<string, boolean>();
  const pulledMs = () => Math.round((pulledSamples / input.sampleRate) * 1000);
  const say = (text: string, isComplete: boolean) => {
    last = { text, confidence: 0, final: false, complete: isComplete, audioMs: pulledMs() };
    input.onTranscript?.(last);
  };
  const completeOnce = (text: string) => {
    if (!judged.has(text)) judged.set(text, complete(spokenDigitsToText(text)));
    return judged.get(text) === true;
  };
  return {
    audio: (async function* () {
      for await (const chunk of input.audio) {
        if (last && !changed && (last.audioMs ?? 0) < pulledMs() && completeOnce(last.text)) say(last.text, true);
        changed = false;
        pulledSamples += chunk.length;
        yield chunk;
      }
    })(),
    heard: (text) => {
      changed = true;
      say(text, false);
    },
  };
}
