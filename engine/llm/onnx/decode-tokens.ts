import type { GenerationUsage, LanguageModelEvent } from '../language-model.ts';
import type { TokenConstraint } from '../token-constraint.ts';
import type { ToolCallFormat } from '../tool-call-format.ts';
import type { Vocabulary } from '../vocabulary.ts';
import { sampleToken } from './sample-token.ts';
import { StopSequenceScanner } from './stop-sequence-scanner.ts';

/** Tool calling for one generation: the model's format and how it may use it. */
export interface DecodeTools {
  format: ToolCallFormat;
  /** A fresh constraint for one call (`format.constraint(tools, vocabulary)`). */
  constraint: () => TokenConstraint;
  /** "auto": the model may open a call; "required": the opening is forced; "none": it is forbidden. */
  choice: 'auto' | 'required' | 'none';
  /** Token ids of `format.opening`, as the tokenizer writes it (forced for "required"). */
  openingIds: readonly number[];
}

/** Everything one decoding run needs; the model is reached only through `next`. */
export interface DecodeInput {
  promptIds: readonly number[];
  /** Feeds tokens after those already seen and returns the logits of the next token (KV cache inside). */
  next: (ids: readonly number[]) => Promise<Float32Array>;
  vocabulary: Vocabulary;
  /** Tokens that end the turn. Other special tokens end it too, unless they are the tool-call opening. */
  eosIds: ReadonlySet<number>;
  /** Text of a special token (its content in the tokenizer), to recognise an opening like `[TOOL_CALLS]`. */
  specialText: (id: number) => string;
  maxTokens: number;
  temperature: number;
  topP: number;
  random: () => number;
  stop: readonly string[];
  tools?: DecodeTools;
  /** Polled before and after each step; true ends the run with reason "abort". */
  isAborted: () => boolean;
  /** Milliseconds, monotonic. */
  now: () => number;
}

/** A stream event, or the id of a token the run produced (for callers that check token ids). */
export type DecodeEvent = LanguageModelEvent | { type: 'token'; id: number };

type Finish = Extract<LanguageModelEvent, { type: 'finish' }>['reason'];

/**
 * The decoding loop: samples tokens, streams UTF-8-safe text deltas (holding back what may start a stop
 * sequence or the tool-call opening), and once the output ends with the opening decodes under the
 * format's constraint, then reports the parsed calls.
 */
export async function* decodeTokens(input: DecodeInput): AsyncGenerator<DecodeEvent> {
  const run = new DecodeRun(input);
  yield* run.forceOpening();
  let done = false;
  while (!done) {
    if (input.isAborted()) {
      yield run.finish('abort');
      return;
    }
    if (run.generated >= input.maxTokens) {
      yield* run.end('length');
      return;
    }
    const logits = await input.next(run.pending);
    // The signal is checked again after the step, so an abort never waits for another one.
    if (input.isAborted()) {
      yield run.finish('abort');
      return;
    }
    done = yield* run.step(logits);
  }
}

/** The state of one decoding run; each step method yields events and returns true when the run is over. */
class DecodeRun {
  readonly #started: number;
  readonly #tools: DecodeTools | undefined;
  readonly #opening: string;
  readonly #scanner: StopSequenceScanner;
  readonly #utf8 = new TextDecoder('utf-8');
  /** The opening token when tool calls are forbidden ("none"), banned from every step. */
  readonly #banned: number | undefined;
  #firstTokenMs: number | undefined;
  /** Everything written so far, opening included: what `format.parse` reads. */
  #output = '';
  #constraint: TokenConstraint | undefined;
  generated = 0;
  /** Tokens to feed at the next step. */
  pending: readonly number[];

  constructor(private readonly input: DecodeInput) {
    this.#started = input.now();
    this.#tools = input.tools && input.tools.choice !== 'none' ? input.tools : undefined;
    this.#opening = this.#tools?.format.opening ?? '';
    this.#scanner = new StopSequenceScanner(input.stop, this.#opening ? [this.#opening] : []);
    const none = input.tools?.choice === 'none' ? input.tools.openingIds : [];
    this.#banned = none.length === 1 ? none[0] : undefined;
    this.pending = [...input.promptIds];
  }

  /** For "required": the opening as if the model wrote it, then the constraint from the first step. */
  *forceOpening(): Generator<DecodeEvent> {
    if (this.#tools?.choice !== 'required') return;
    for (const id of this.#tools.openingIds) {
      this.generated++;
      yield { type: 'token', id };
    }
    this.pending = [...this.input.promptIds, ...this.#tools.openingIds];
    this.#output += this.#opening;
    this.#constraint = this.#tools.constraint();
  }

  *step(logits: Float32Array): Generator<DecodeEvent, boolean> {
    if (this.#banned !== undefined) logits[this.#banned] = Number.NEGATIVE_INFINITY;
    if (this.#constraint) return yield* this.#constrainedStep(logits);
    const id = sampleToken(logits, this.input);
    if (
      this.#tools &&
      this.#opening === '' &&
      this.#output.trim() === '' &&
      startsJson(this.input.vocabulary.bytes(id))
    ) {
      // Formats without an opening (Llama 3): a reply that starts a JSON object is a call, constrained from here.
      this.#constraint = this.#tools.constraint();
      return yield* this.#constrainedStep(logits);
    }
    if (this.input.vocabulary.isSpecial(id)) return yield* this.#specialStep(id);
    return yield* this.#textStep(id);
  }

  *#constrainedStep(logits: Float32Array): Generator<DecodeEvent, boolean> {
    const constraint = this.#constraint!;
    const id = sampleToken(logits, { ...this.input, mask: constraint.mask() });
    constraint.advance(id);
    this.#output += this.#accept(id);
    yield { type: 'token', id };
    if (!constraint.finished) return false;
    const calls = this.#tools!.format.parse(this.#output).calls;
    for (const call of calls) yield { type: 'tool-call', name: call.name, arguments: call.arguments };
    yield this.finish(calls.length > 0 ? 'tool-calls' : 'stop');
    return true;
  }

  /** A special token ends the reply, unless it is the opening (Mistral's `[TOOL_CALLS]`). */
  *#specialStep(id: number): Generator<DecodeEvent, boolean> {
    const text = this.input.specialText(id);
    const opens =
      this.#opening !== '' && !this.input.eosIds.has(id) && (this.#output + text).endsWith(this.#opening);
    if (!this.#tools || !opens) return yield* this.end('stop');
    this.#accept(id);
    yield { type: 'token', id };
    this.#output += text;
    this.#constraint = this.#tools.constraint();
    return false;
  }

  *#textStep(id: number): Generator<DecodeEvent, boolean> {
    const piece = this.#accept(id);
    yield { type: 'token', id };
    this.#output += piece;
    const scanned = this.#scanner.push(piece);
    if (scanned.text) yield { type: 'text-delta', delta: scanned.text };
    if (scanned.match?.kind === 'stop') {
      yield this.finish('stop');
      return true;
    }
    if (scanned.match?.kind === 'hold') {
      // A token that runs past the opening (no single opening token): the constraint starts after it.
      this.#output = this.#output.slice(0, this.#output.lastIndexOf(this.#opening) + this.#opening.length);
      this.#constraint = this.#tools!.constraint();
    }
    return false;
  }

  /** Ends the reply: releases held-back text (none inside a constrained span) and finishes. */
  *end(reason: Finish): Generator<DecodeEvent, boolean> {
    if (!this.#constraint) {
      const tail = this.#scanner.push(this.#utf8.decode());
      const text = tail.match ? tail.text : tail.text + this.#scanner.flush();
      if (text) yield { type: 'text-delta', delta: text };
    }
    yield this.finish(reason);
    return true;
  }

  finish(reason: Finish): DecodeEvent {
    const usage: GenerationUsage = {
      inputTokens: this.input.promptIds.length,
      outputTokens: this.generated,
      totalMs: this.input.now() - this.#started,
    };
    if (this.#firstTokenMs !== undefined) usage.firstTokenMs = this.#firstTokenMs;
    return { type: 'finish', reason, usage };
  }

  /** Records a sampled token and returns the text it completes (UTF-8 sequences split over tokens wait). */
  #accept(id: number): string {
    this.#firstTokenMs ??= this.input.now() - this.#started;
    this.generated++;
    this.pending = [id];
    return this.#utf8.decode(this.input.vocabulary.bytes(id), { stream: true });
  }
}

/** True when a token's text, leading whitespace aside, starts a JSON object (a call in an opening-less format). */
function startsJson(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d) continue;
    return b === 0x7b;
  }
  return false;
}
