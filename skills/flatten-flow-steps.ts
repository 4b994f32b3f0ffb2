import type { FlowState } from './flow-state.ts';
import type { FlowStep } from './flow-step.ts';

/** A step as `defineSkill` takes it: one of the flow steps, or a branch of them. */
export type FlowStepInput = FlowStep | BranchStep;

/**
 * Steps that run when `if` holds, and `else` steps when it does not. Like `when`, the condition is read again
 * before each of the branch's steps, so an answer or a correction that changes it changes the path.
 */
export interface BranchStep {
  if: (state: FlowState) => boolean;
  then: readonly FlowStepInput[];
  else?: readonly FlowStepInput[];
  when?: (state: FlowState) => boolean;
}

function isBranch(step: FlowStepInput): step is BranchStep {
  return 'if' in step && 'then' in step;
}

/** `step` guarded by `guard` as well as by its own `when`. */
function guarded(step: FlowStep, guard: ((state: FlowState) => boolean) | undefined): FlowStep {
  if (!guard) return step;
  const own = step.when;
  return { ...step, when: own ? (state) => guard(state) && own(state) : guard };
}

/**
 * The steps of a flow with every branch laid out in line: a branch's `then` steps get its condition as a guard,
 * its `else` steps the opposite, nested branches the conjunction, so the dialogue runs plain steps in order.
 */
export function flattenFlowSteps(steps: readonly FlowStepInput[], guard?: (state: FlowState) => boolean): FlowStep[] {
  return steps.flatMap((step) => {
    if (!isBranch(step)) return [guarded(step, guard)];
    const { if: condition, then, else: otherwise = [], when } = step;
    const entry = (state: FlowState) => (guard ? guard(state) : true) && (when ? when(state) : true);
    return [
      ...flattenFlowSteps(then, (state) => entry(state) && condition(state)),
      ...flattenFlowSteps(otherwise, (state) => entry(state) && !condition(state)),
    ];
  });
}
