import type { TokenConstraint } from '../token-constraint.ts';
import type { Vocabulary } from '../vocabulary.ts';
import { applyMaskRecipe, computeMask } from './compute-mask.ts';
import { ConstraintDeadEndError } from './constraint-dead-end-error.ts';
import { ConstraintViolationError } from './constraint-violation-error.ts';
import type { Grammar } from './grammar.ts';
import {
  advanceStateBytes,
  type MatcherState,
  stateComplete,
  stateExtendable,
  stateKey,
} from './matcher-state.ts';
import { tokenBytesOf, type VocabularyIndex, vocabularyIndexOf } from './vocabulary-index.ts';

const decoder = new TextDecoder();

/**
 * A {@link TokenConstraint} that keeps a generation inside a compiled grammar. Masks are memoised per
 * vocabulary by grammar and canonical state key, so a state seen before (in this or an earlier
 * generation with the same grammar) costs a map lookup and a copy.
 */
export class GrammarConstraint implements TokenConstraint {
  readonly #grammar: Grammar;
  readonly #index: VocabularyIndex;
  readonly #mask: Uint8Array;
  #state: MatcherState;
  #bytes: number[] = [];
  #finished = false;

  constructor(grammar: Grammar, vocabulary: Vocabulary) {
    this.#grammar = grammar;
    this.#index = vocabularyIndexOf(vocabulary);
    this.#mask = new Uint8Array(this.#index.size);
    this.#state = grammar.start;
  }

  /** True once the span is complete and nothing more may follow. */
  get finished(): boolean {
    return this.#finished;
  }

  /** The text accepted so far. */
  get text(): string {
    return decoder.decode(Uint8Array.from(this.#bytes));
  }

  /**
   * Allowed next tokens, 1 per allowed id; all zero once finished. The array belongs to this constraint
   * and is overwritten by the next call: use it before calling `mask()` again.
   * @throws ConstraintDeadEndError if no token can continue (a vocabulary without single-byte tokens).
   */
  mask(): Uint8Array {
    const mask = this.#mask;
    if (this.#finished) {
      mask.fill(0);
      return mask;
    }
    const key = `${this.#grammar.id}#${stateKey(this.#state, this.#index.horizon)}`;
    const cached = this.#index.masks.get(key);
    if (cached instanceof Uint8Array) mask.set(cached);
    else if (cached) applyMaskRecipe(cached, this.#index, mask);
    if (cached) return mask;
    const recipe = computeMask(this.#state, this.#index, mask);
    if (recipe.stringRoom <= 0 && recipe.ids?.length === 0) throw new ConstraintDeadEndError(this.text);
    this.#index.masks.set(key, recipe, mask);
    return mask;
  }

  /**
   * Records the chosen token.
   * @throws ConstraintViolationError for a token the mask forbids, a special token, or any token once
   *   finished.
   */
  advance(id: number): void {
    const index = this.#index;
    if (this.#finished) throw new ConstraintViolationError(id, this.text, 'the constrained span is finished');
    if (!(id >= 0 && id < index.size) || index.excluded[id] === 1) {
      throw new ConstraintViolationError(id, this.text, 'special, empty or unknown tokens are not allowed');
    }
    const bytes = tokenBytesOf(index, id);
    const next = advanceStateBytes(this.#state, bytes);
    if (next.length === 0) {
      throw new ConstraintViolationError(
        id,
        this.text,
        `${JSON.stringify(decoder.decode(bytes))} is not allowed here`,
      );
    }
    this.#state = next;
    for (const byte of bytes) this.#bytes.push(byte);
    this.#finished = stateComplete(next) && !stateExtendable(next);
  }
}
