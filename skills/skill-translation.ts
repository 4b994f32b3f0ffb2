import type { EntityDefinition } from '../engine/nlu/entity.ts';
import type { FlowState } from './flow-state.ts';
import type { Reply } from './reply.ts';

/** An intent in another language: its own examples (required), and its title and response where the intent has them. */
export interface IntentTranslation {
  examples: readonly string[];
  title?: string;
  response?: Reply;
}

/** A slot's words in another language; give each one the slot has. */
export interface SlotTranslation<State = FlowState> {
  prompt?: Reply | ((state: State) => Reply);
  invalidMessage?: string;
  help?: string;
  label?: string;
  /** The slot's `validate` with reasons in this language. */
  validate?: (value: unknown, state: State) => string | undefined;
}

/** A step's words in another language: `confirm` and `declined` of a confirm step, `respond` of a respond step. */
export interface StepTranslation<State = FlowState> {
  confirm?: (state: State) => Reply;
  declined?: Reply;
  respond?: Reply | ((state: State) => Reply);
}

/**
 * A branch step's words in another language: one entry per step of its `then` and `else` lists, as the branch
 * has them (`null` for a step without words, a nested branch as one entry of this shape).
 */
export interface BranchTranslation<State = FlowState> {
  then: ReadonlyArray<StepTranslation<State> | BranchTranslation<State> | null>;
  else?: ReadonlyArray<StepTranslation<State> | BranchTranslation<State> | null>;
}

/** A flow's words in another language. */
export interface FlowTranslation<State = FlowState, SlotName extends string = string> {
  description?: string;
  help?: string;
  cancelled?: Reply;
  cancelQuestion?: Reply | false;
  slots?: { [S in SlotName]?: SlotTranslation<State> };
  /**
   * The steps' words, in the flow's step order: one entry per step, `null` for a step without words (`collect`,
   * `call`), a {@link BranchTranslation} for an `if`/`then`/`else` step. Must have as many entries as the flow has
   * steps.
   */
  steps?: ReadonlyArray<StepTranslation<State> | BranchTranslation<State> | null>;
}

/**
 * A skill in another language: what its users read and write. Intents need their own examples; entities are kept
 * unless given here (a lookup's canonical values stay the keys, so slot values are the same in every language:
 * `{ day: { kind: 'lookup', values: { sunday: ['domingo'] } } }`).
 */
export interface SkillTranslation {
  description?: string;
  intents?: Record<string, IntentTranslation>;
  entities?: Record<string, EntityDefinition>;
  flows?: Record<string, FlowTranslation>;
  /** Commands' descriptions, as the dialogue says them ("¿Quieres que proceda a abrir una devolución?"). */
  commands?: Record<string, { description: string }>;
}
