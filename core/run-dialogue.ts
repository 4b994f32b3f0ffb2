import { type SnapshotFrom, transition } from 'xstate';
import type { DialogueOutput } from './dialogue/dialogue-context.ts';
import type { DialogueEvent, DialogueMachine } from './dialogue/dialogue-machine.ts';
import type { TurnEffects, TurnRuntime } from './turn-services.ts';

/** What {@link runDialogue} needs: the machine, where it stands, the event, and how to run and say things. */
export interface RunDialogueOptions {
  machine: DialogueMachine;
  snapshot: SnapshotFrom<DialogueMachine>;
  event: DialogueEvent;
  effects: TurnEffects;
  runtime: TurnRuntime;
  /** Receives what the dialogue says, in order. */
  say: (output: DialogueOutput) => void;
}

type Snapshot = SnapshotFrom<DialogueMachine>;
type Effect = { id: string; src: keyof TurnEffects; input: unknown };

/**
 * The one runner of a turn's effects. The dialogue machine is used as a pure function: each `transition` returns
 * the next snapshot and the effects to run as data (the invoked `understand`, `generate` or `executeCommand`, and
 * the outputs it emits). This runs the effect through the injected {@link TurnEffects}, feeds its result (or
 * error) back as the machine's done (or error) event, and stops when the machine waits for the user. An effect
 * error the machine does not handle (a store failure) is thrown.
 */
export async function runDialogue(options: RunDialogueOptions): Promise<Snapshot> {
  const { machine, effects, runtime, say } = options;
  let [snapshot, actions] = transition(machine, options.snapshot, options.event);
  for (;;) {
    let effect: Effect | undefined;
    for (const action of actions as ReadonlyArray<{ type: string; params?: unknown }>) {
      if (action.type === 'xstate.emit') say((action.params as { event: DialogueOutput }).event);
      else if (action.type === 'xstate.spawnChild') effect = action.params as Effect;
    }
    if (snapshot.status === 'error') throw snapshot.error;
    if (snapshot.hasTag('waiting') || snapshot.status !== 'active' || !effect) return snapshot;
    const event = await runEffect(effects, effect, runtime);
    [snapshot, actions] = transition(machine, snapshot, event as never);
  }
}

async function runEffect(effects: TurnEffects, effect: Effect, runtime: TurnRuntime) {
  const run = effects[effect.src] as (input: unknown, runtime: TurnRuntime) => Promise<unknown>;
  try {
    return { type: `xstate.done.actor.${effect.id}`, output: await run(effect.input, runtime), actorId: effect.id };
  } catch (error) {
    return { type: `xstate.error.actor.${effect.id}`, error, actorId: effect.id };
  }
}
