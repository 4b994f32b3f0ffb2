import type { FlowState } from './flow-state.ts';
import type { Reply } from './reply.ts';

/** Shared by every step: an optional condition (the step is skipped when it returns false). */
interface StepBase {
  when?: (state: FlowState) => boolean;
}

/** Ask for a slot unless it is filled. */
export interface CollectStep extends StepBase {
  collect: string;
}

/** Ask the user to confirm before the next command with side effects. */
export interface ConfirmStep extends StepBase {
  confirm: (state: FlowState) => Reply;
  /** Said when the user declines; the flow ends. Default: "Okay, I won't do that." */
  declined?: Reply;
}

/** Run a skill command; its result is stored under the command's name in `state.results`. */
export interface CallStep extends StepBase {
  call: string;
  /** Arguments from the state. Default: the slots whose names the command's schema uses. */
  args?: (state: FlowState) => Record<string, unknown>;
}

/** Say something. */
export interface RespondStep extends StepBase {
  respond: Reply | ((state: FlowState) => Reply);
}

/** One step of a flow. Steps run in order; the flow ends after the last. */
export type FlowStep = CollectStep | ConfirmStep | CallStep | RespondStep;
