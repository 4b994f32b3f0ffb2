import { assign, enqueueActions, fromPromise, setup } from 'xstate';
import type { CommandCall, CommandOutcome } from '../command-executor.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import { applyDialogueCommand } from './apply-dialogue-command.ts';
import { advanceFlows, completeCall } from './advance-flows.ts';
import {
  type DialogueContext,
  type DialogueOutput,
  initialDialogueContext,
  type TurnScratch,
} from './dialogue-context.ts';
import type { DialogueEnvironment } from './dialogue-environment.ts';
import { interpretTurn } from './interpret-turn.ts';
import type { Understanding } from './understanding.ts';

/** Events the dialogue machine accepts. */
export type DialogueEvent = { type: 'USER_TURN'; turn: TurnScratch };

/** Input of the `executeCommand` actor: the call and the state it is made in. */
export interface ExecuteCommandInput {
  call: CommandCall;
  confirmed: readonly string[];
  executed: string[];
}

/** States in which the machine waits for the user; every turn ends in one of them. */
export const waitingStates = ['listening', 'filling', 'confirming', 'clarifying', 'handedOff'] as const;

function draft(context: DialogueContext, change: (context: DialogueContext) => void): DialogueContext {
  const copy = structuredClone(context);
  change(copy);
  return copy;
}

const notProvided = (name: string) =>
  fromPromise<never, unknown>(async () => {
    throw new Error(`the dialogue machine's "${name}" actor must be provided by the bot`);
  });

/**
 * The generic dialogue machine. It models the turn lifecycle and policy — understanding, filling,
 * confirming, clarifying, executing, responding, handed off — while the skills' flows are data in its
 * context. Effects come in as actors the bot provides per turn (`understand`, `executeCommand`);
 * what the bot says is announced with `emit` ({@link DialogueOutput}).
 */
export function createDialogueMachine(env: DialogueEnvironment) {
  const decide = (context: DialogueContext, understanding: Understanding) =>
    draft(context, (c) => {
      const commands: DialogueCommand[] = context.handoff
        ? interpretTurn(c, understanding, env.registry, env.policy).filter((d) => d.type === 'cancel_flow')
        : interpretTurn(c, understanding, env.registry, env.policy);
      if (context.handoff && commands.length === 0) commands.push({ type: 'chitchat', text: env.messages.stillHandedOff });
      for (const command of commands) applyDialogueCommand(c, command, env);
      if (c.pending?.kind === 'clarify') c.pending.entities = understanding.entities;
    });
  const waiting = { tags: ['waiting'], on: { USER_TURN: { target: 'understanding', actions: 'beginTurn' } } } as const;

  return setup({
    types: {
      context: {} as DialogueContext,
      events: {} as DialogueEvent,
      emitted: {} as DialogueOutput,
    },
    actors: {
      understand: notProvided('understand') as unknown as ReturnType<typeof fromPromise<Understanding, { text: string }>>,
      executeCommand: notProvided('executeCommand') as unknown as ReturnType<
        typeof fromPromise<CommandOutcome, ExecuteCommandInput>
      >,
    },
    actions: {
      beginTurn: assign(({ event }) => ({ turn: event.turn })),
      flush: enqueueActions(({ context, enqueue }) => {
        for (const output of context.outbox) enqueue.emit(output);
        enqueue.assign({ outbox: [] });
      }),
    },
    guards: {
      wantsCall: ({ context }) => context.next.kind === 'call',
      handedOff: ({ context }) => context.handoff !== null,
      awaitsSlot: ({ context }) => context.pending?.kind === 'slot',
      awaitsConfirmation: ({ context }) => context.pending?.kind === 'confirm',
      awaitsClarification: ({ context }) => context.pending?.kind === 'clarify',
    },
  }).createMachine({
    id: 'dialogue',
    context: initialDialogueContext(),
    initial: 'listening',
    states: {
      listening: waiting,
      filling: waiting,
      confirming: waiting,
      clarifying: waiting,
      handedOff: waiting,
      understanding: {
        invoke: {
          src: 'understand',
          input: ({ context }) => ({ text: context.turn?.text ?? '' }),
          onDone: { target: 'responding', actions: assign(({ context, event }) => decide(context, event.output)) },
          onError: {
            target: 'responding',
            actions: assign(({ context }) => decide(context, { text: '', prediction: emptyPrediction, entities: [] })),
          },
        },
      },
      responding: {
        entry: [assign(({ context }) => draft(context, (c) => advanceFlows(c, env))), 'flush'],
        always: [
          { guard: 'wantsCall', target: 'executing' },
          { guard: 'handedOff', target: 'handedOff' },
          { guard: 'awaitsSlot', target: 'filling' },
          { guard: 'awaitsConfirmation', target: 'confirming' },
          { guard: 'awaitsClarification', target: 'clarifying' },
          { target: 'listening' },
        ],
      },
      executing: {
        entry: enqueueActions(({ context, enqueue }) => {
          if (context.next.kind === 'call') {
            enqueue.emit({ type: 'command-start', name: context.next.command, args: context.next.args });
          }
        }),
        invoke: {
          src: 'executeCommand',
          input: ({ context }) => ({
            call: context.next.kind === 'call' ? { name: context.next.command, args: context.next.args } : { name: '', args: {} },
            confirmed: context.stack.at(-1)?.confirmed ?? [],
            executed: context.turn?.executed ?? [],
          }),
          onDone: [
            {
              guard: ({ event }) => !event.output.ok && event.output.refusal === 'aborted',
              target: 'listening',
              actions: assign({ next: { kind: 'wait' } }),
            },
            {
              target: 'responding',
              actions: [
                enqueueActions(({ context, event, enqueue }) => {
                  if (context.next.kind !== 'call') return;
                  const outcome = event.output;
                  enqueue.emit({
                    type: 'command-end',
                    name: context.next.command,
                    ok: outcome.ok,
                    ...(outcome.ok ? {} : { error: outcome.message }),
                  });
                }),
                assign(({ context, event }) =>
                  draft(context, (c) => {
                    const outcome = event.output;
                    const failed = env.messages.commandFailed(
                      env.registry.commands.get(c.next.kind === 'call' ? c.next.command : '')?.description ?? 'do that',
                    );
                    const message = !outcome.ok && outcome.refusal === 'unverified_user' ? env.messages.verificationRequired : failed;
                    if (outcome.ok && c.next.kind === 'call') c.turn?.executed.push(c.next.command);
                    completeCall(c, outcome.ok ? outcome : { ok: false, message });
                  }),
                ),
              ],
            },
          ],
          onError: {
            target: 'responding',
            actions: assign(({ context }) =>
              draft(context, (c) => completeCall(c, { ok: false, message: env.messages.commandFailed('do that') })),
            ),
          },
        },
      },
    },
  });
}

const emptyPrediction = { intent: null, confidence: 0, ranking: [], outOfScope: true };

/** The machine type, for typing actors and snapshots. */
export type DialogueMachine = ReturnType<typeof createDialogueMachine>;
