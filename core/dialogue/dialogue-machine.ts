import { assign, enqueueActions, fromPromise, setup } from 'xstate';
import type { CommandCall, CommandOutcome } from '../command-executor.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import { applyDialogueCommand } from './apply-dialogue-command.ts';
import { advanceFlows, allowedCommands, completeCall } from './advance-flows.ts';
import {
  type ClassifierReading,
  type DialogueContext,
  type DialogueOutput,
  initialDialogueContext,
  type TurnScratch,
} from './dialogue-context.ts';
import type { DialogueEnvironment } from './dialogue-environment.ts';
import { interpretTurn } from './interpret-turn.ts';
import { isClearQuestion } from './is-question.ts';
import { withTypoNotes } from './typo-notes.ts';
import { type ModelTool, modelToolsFor } from './model-tools.ts';
import type { Understanding } from './understanding.ts';

/** Events the dialogue machine accepts. */
export type DialogueEvent = { type: 'USER_TURN'; turn: TurnScratch };

/** Input of the `executeCommand` actor: the call and the state it is made in. */
export interface ExecuteCommandInput {
  call: CommandCall;
  /** Commands allowed in this dialogue state (see `allowedCommands`). */
  allowed: readonly string[];
  confirmed: readonly string[];
  executed: string[];
}

/** Input of the `understand` actor. */
export interface UnderstandInput {
  text: string;
  /** The turn answers a pending slot or confirmation, which never uses the knowledge base. */
  answersQuestion: boolean;
}

/** Input of the `generate` actor: the turn as the model should see it. */
export interface GenerateInput {
  text: string;
  reading: ClassifierReading;
  tools: ModelTool[];
  context: DialogueContext;
  /** Set when the model is to write this knowledge answer from its passage (no tools) instead of choosing a tool. */
  answer?: Extract<DialogueCommand, { type: 'answer' }>;
}

/** Output of the `generate` actor: the model's calls as dialogue commands (its text was streamed already). */
export interface GenerateOutput {
  commands: DialogueCommand[];
  /** The model wrote a reply to the user. */
  replied: boolean;
  /** The generation was aborted (turn superseded): nothing of it is acted on. */
  aborted: boolean;
  /** How long generation took, in milliseconds. */
  durationMs?: number;
}

/** Errors that fail the whole turn as retryable instead of becoming a reply: the store or the lease failed. */
const isTurnFailure = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'StoreUnavailableError' || name === 'LeaseLostError';
};


/**
 * The turn answers the bot's pending question, so the knowledge base is not searched: a confirmation, an entity
 * slot, or a free-text slot unless the turn is a question (which the free-text slot does not take).
 */
function answersQuestion(context: DialogueContext): boolean {
  const pending = context.pending;
  if (pending?.kind === 'confirm' || pending?.kind === 'cancel') return true;
  if (pending?.kind !== 'slot') return false;
  return !isClearQuestion(context.turn?.text ?? '');
}

/** States in which the machine waits for the user; every turn ends in one of them. */
export const waitingStates = ['listening', 'filling', 'confirming', 'clarifying', 'handedOff'] as const;

function draft(context: DialogueContext, change: (context: DialogueContext) => void): DialogueContext {
  // The context is JSON data (it is stored as JSON), and a JSON round trip copies it several times faster than
  // structuredClone on Node 20.
  const copy = JSON.parse(JSON.stringify(context)) as DialogueContext;
  change(copy);
  return copy;
}

/** A proposal the model may improve on: nothing understood, unless the classifier read it as off-topic. */
const isForTheModel = (command: DialogueCommand | undefined): boolean =>
  (command?.type === 'fallback' || (command?.type === 'not_found' && command.offer === undefined)) && command.offTopic !== true;

/** Declares an effect's types; the effect itself is run by `runDialogue`, never as an actor. */
const notProvided = (name: string) =>
  fromPromise<never, unknown>(async () => {
    throw new Error(`the dialogue machine's "${name}" effect is run by runDialogue, not as an actor`);
  });

/**
 * The generic dialogue machine. It models the turn lifecycle and policy — understanding, filling,
 * confirming, clarifying, executing, responding, handed off — while the skills' flows are data in its
 * context. It is used as a pure function (`transition`): the effects it invokes (`understand`, `generate`,
 * `executeCommand`) come back as data with their input, and `runDialogue` runs them and feeds their results
 * back; what the bot says is announced with `emit` ({@link DialogueOutput}).
 */
export function createDialogueMachine(env: DialogueEnvironment) {
  const propose = (context: DialogueContext, understanding: Understanding) =>
    draft(context, (c) => {
      let commands: DialogueCommand[] = withTypoNotes(interpretTurn(c, understanding, env.registry, env.policy), understanding.entities, env.messages);
      if (context.handoff) {
        commands = commands.filter((d) => d.type === 'cancel_flow');
        if (commands.length === 0) commands.push({ type: 'chitchat', text: env.messages.stillHandedOff });
      }
      for (const e of understanding.entities) {
        if (e.entity === 'boolean') continue;
        const values = (c.seen[e.entity] ?? []).filter((v) => v !== e.value);
        c.seen[e.entity] = [...values, e.value].slice(-10);
      }
      if (c.turn) {
        c.turn.proposed = commands;
        c.turn.reading = {
          intents: understanding.prediction.ranking.slice(0, 3).map((r) => ({ intent: r.intent, confidence: Number(r.confidence.toFixed(3)) })),
          entities: understanding.entities.filter((e) => e.entity !== 'boolean').map((e) => ({ entity: e.entity, value: e.value })),
        };
      }
      if (c.turn) c.turn.entities = understanding.entities;
      if (c.turn) c.turn.intent = understanding.prediction.intent;
    });
  /** The knowledge answer the model is to write this turn: one was proposed, there is a model, and answers are generated. */
  const modelAnswer = (context: DialogueContext): Extract<DialogueCommand, { type: 'answer' }> | undefined =>
    env.hasModel === true && (env.knowledgeAnswers ?? 'generate') === 'generate'
      ? context.turn?.proposed?.find((c): c is Extract<DialogueCommand, { type: 'answer' }> => c.type === 'answer')
      : undefined;
  const apply = (context: DialogueContext, commands: readonly DialogueCommand[]) =>
    draft(context, (c) => {
      for (const command of commands) applyDialogueCommand(c, command, env);
      if (c.pending?.kind === 'clarify' && c.pending.entities.length === 0) c.pending.entities = c.turn?.entities ?? [];
    });
  const waiting = { tags: ['waiting'], on: { USER_TURN: { target: 'understanding', actions: 'beginTurn' } } } as const;

  return setup({
    types: {
      context: {} as DialogueContext,
      events: {} as DialogueEvent,
      emitted: {} as DialogueOutput,
    },
    actors: {
      understand: notProvided('understand') as unknown as ReturnType<typeof fromPromise<Understanding, UnderstandInput>>,
      executeCommand: notProvided('executeCommand') as unknown as ReturnType<
        typeof fromPromise<CommandOutcome, ExecuteCommandInput>
      >,
      generate: notProvided('generate') as unknown as ReturnType<typeof fromPromise<GenerateOutput, GenerateInput>>,
    },
    actions: {
      beginTurn: assign(({ event }) => ({ turn: event.turn })),
      flush: enqueueActions(({ context, enqueue }) => {
        for (const output of context.outbox) enqueue.emit(output);
        enqueue.assign({ outbox: [] });
      }),
    },
    guards: {
      wantsModelAnswer: ({ context }) => modelAnswer(context) !== undefined,
      wantsModel: ({ context }) =>
        env.hasModel === true &&
        context.pending === null &&
        context.handoff === null &&
        (env.routing === 'model' ||
          (context.turn?.proposed?.length === 1 && isForTheModel(context.turn.proposed[0]))),
      wantsCall: ({ context }) => context.next.kind === 'call',
      handedOff: ({ context }) => context.handoff !== null,
      awaitsSlot: ({ context }) => context.pending?.kind === 'slot',
      awaitsConfirmation: ({ context }) => context.pending?.kind === 'confirm' || context.pending?.kind === 'cancel',
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
          input: ({ context }) => ({
            text: context.turn?.text ?? '',
            answersQuestion: answersQuestion(context),
          }),
          onDone: {
            target: 'deciding',
            actions: assign(({ context, event }) =>
              draft(propose(context, event.output), (c) => {
                if (c.turn) c.turn.timings = { ...c.turn.timings, understandMs: event.output.durationMs };
              }),
            ),
          },
          onError: {
            target: 'deciding',
            actions: assign(({ context }) => propose(context, { text: '', prediction: emptyPrediction, entities: [] })),
          },
        },
      },
      deciding: {
        always: [
          { guard: 'wantsModelAnswer', target: 'generating' },
          { guard: 'wantsModel', target: 'generating' },
          { target: 'responding', actions: assign(({ context }) => apply(context, context.turn?.proposed ?? [])) },
        ],
      },
      generating: {
        invoke: {
          src: 'generate',
          input: ({ context }) => ({
            text: context.turn?.text ?? '',
            reading: context.turn?.reading ?? { intents: [], entities: [] },
            tools: modelToolsFor(env.registry),
            context,
            ...(modelAnswer(context) ? { answer: modelAnswer(context) } : {}),
          }),
          onDone: [
            { guard: ({ event }) => event.output.aborted, target: 'responding' },
            {
              target: 'responding',
              actions: assign(({ context, event }) => {
                const { commands, replied } = event.output;
                const routed = draft(context, (c) => {
                  if (!c.turn) return;
                  c.turn.timings = { ...c.turn.timings, generateMs: event.output.durationMs };
                  if (modelAnswer(context)) return;
                  c.turn.route = 'model';
                  c.turn.modelCommands = commands;
                  c.turn.offered = modelToolsFor(env.registry).map((t) => t.definition.name);
                });
                return apply(routed, commands.length > 0 || replied ? commands : [{ type: 'fallback' }]);
              }),
            },
          ],
          // A failed knowledge answer falls back to quoting the passage; any other failed generation to the fallback.
          onError: {
            target: 'responding',
            actions: assign(({ context }) => apply(context, modelAnswer(context) ? (context.turn?.proposed ?? []) : [{ type: 'fallback' }])),
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
            allowed: allowedCommands(context, env),
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
                    // A forbidden call's reason comes from the command's authorize hook, written for the user.
                    const message = outcome.ok
                      ? failed
                      : outcome.refusal === 'unverified_user'
                        ? env.messages.verificationRequired
                        : outcome.refusal === 'forbidden'
                          ? outcome.message
                          : failed;
                    // A forbidden call counts as run: its proof cannot be tried again in the same turn.
                    const counted = outcome.ok || outcome.refusal === 'forbidden';
                    if (counted && c.next.kind === 'call') c.turn?.executed.push(c.next.command);
                    completeCall(c, outcome.ok ? outcome : { ok: false, message }, env);
                  }),
                ),
              ],
            },
          ],
          // A store or lease failure is not handled here: it fails the turn, which the client retries.
          onError: {
            guard: ({ event }) => !isTurnFailure(event.error),
            target: 'responding',
            actions: assign(({ context }) =>
              draft(context, (c) => completeCall(c, { ok: false, message: env.messages.commandFailed('do that') }, env)),
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
