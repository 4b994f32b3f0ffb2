import type { FlowStep } from './flow-step.ts';
import type { Reply } from './reply.ts';
import type { SlotDefinition } from './slot-definition.ts';

/**
 * A flow (form) as data: the slots it collects and the steps it runs. Flows live in the dialogue's
 * context as a stack of frames (flow name, step index, slot values), so changing a skill does not break
 * conversations in progress.
 */
export interface FlowDefinition {
  /** What the flow does, in words the bot can say: "check an order". */
  description: string;
  slots?: Record<string, SlotDefinition>;
  steps: readonly FlowStep[];
  /** Help shown when the user asks for help inside this flow. */
  help?: string;
  /** Said when the user cancels the flow. Default: "Okay, I've stopped <description>." */
  cancelled?: Reply;
  /**
   * Asked before the flow is dropped by "cancel" while a command with side effects is still ahead and the user
   * has answered something ("Cancel your order?"); "yes" cancels, "no" carries on. `false` cancels at once.
   * Default: "Do you want to stop <description>?".
   */
  cancelQuestion?: Reply | false;
  /** Invalid answers in a row before the flow gives up. Default 3. */
  maxAttempts?: number;
}
