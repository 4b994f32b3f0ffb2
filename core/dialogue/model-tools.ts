import { combineRequests } from './combine-requests.ts';
import type { ToolDefinition } from '../../engine/llm/language-model.ts';
import type { ParsedToolCall } from '../../engine/llm/tool-call-format.ts';
import { groundSchema } from '../../engine/llm/tool-calls/ground-schema.ts';
import { parametersJsonSchema } from '../../engine/llm/tool-calls/parameters-json-schema.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import type { SkillRegistry } from '../skill-registry.ts';
import type { DialogueContext } from './dialogue-context.ts';

/** What a tool offered to the model stands for in the dialogue. */
export type ToolTarget =
  /**
   * The first command of a flow: calling it starts (or continues) the flow with its arguments as slots.
   * `slotEntities` names the entity behind each slot that has one.
   */
  | { kind: 'flow-command'; flow: string; command: string; slotEntities: Record<string, string> }
  /** A flow without commands: calling it starts the flow with its arguments as slots. */
  | { kind: 'flow'; flow: string; slotEntities: Record<string, string> }
  | { kind: 'handoff' }
  | { kind: 'help' }
  | { kind: 'cancel' };

/** A tool offered to the model, and what it does. */
export interface ModelTool {
  definition: ToolDefinition;
  target: ToolTarget;
}

const objectSchema = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** The schema with every property optional. */
function withoutRequired(schema: Record<string, unknown>): Record<string, unknown> {
  const { required: _required, ...rest } = schema;
  return rest;
}

/**
 * The tools the model may call: the entry command of every flow (or the flow itself
 * when it has no command), a hand-off, help and cancel when the bot has them. A flow's command takes its
 * arguments as slots, all optional: the flow asks for what the call leaves out. Offered tools are the only
 * calls that can become dialogue commands.
 */
export function modelToolsFor(registry: SkillRegistry): ModelTool[] {
  const tools: ModelTool[] = [];
  const offered = new Set<string>();
  for (const [intent, definition] of registry.intents) {
    if (definition.action === 'handoff' && !offered.has('handoff')) {
      offered.add('handoff');
      tools.push({
        definition: { name: 'handoff', description: `Hand the conversation to a person (${intent}).`, parameters: objectSchema({ reason: { type: 'string', minLength: 1, maxLength: 200 } }, ['reason']) },
        target: { kind: 'handoff' },
      });
    }
    const flowName = registry.flowForIntent(intent);
    const flow = flowName ? registry.flows.get(flowName) : undefined;
    if (!flowName || !flow || offered.has(flowName)) continue;
    offered.add(flowName);
    const slotEntities = Object.fromEntries(
      Object.entries(flow.slots ?? {}).flatMap(([name, slot]) => (slot.entity ? [[name, slot.entity]] : [])),
    );
    const call = flow.steps.find((s) => 'call' in s);
    const command = call && 'call' in call ? registry.commands.get(call.call) : undefined;
    if (call && 'call' in call && command) {
      if (offered.has(call.call)) continue;
      offered.add(call.call);
      tools.push({
        definition: { name: call.call, description: `${command.description} (${flow.description})`, parameters: withoutRequired(parametersJsonSchema(command.parameters, call.call)) },
        target: { kind: 'flow-command', flow: flowName, command: call.call, slotEntities },
      });
    } else {
      const slots = Object.entries(flow.slots ?? {}).filter(([, s]) => s.entity);
      tools.push({
        definition: { name: flowName, description: flow.description, parameters: objectSchema(Object.fromEntries(slots.map(([n]) => [n, { type: 'string' }]))) },
        target: { kind: 'flow', flow: flowName, slotEntities },
      });
    }
  }
  const actions = new Set([...registry.intents.values()].map((d) => d.action));
  if (actions.has('help')) {
    tools.push({ definition: { name: 'help', description: 'Tell the user what you can help with.', parameters: objectSchema({}) }, target: { kind: 'help' } });
  }
  if (actions.has('cancel')) {
    tools.push({ definition: { name: 'cancel', description: 'Stop what we are doing now.', parameters: objectSchema({}) }, target: { kind: 'cancel' } });
  }
  return tools;
}

/**
 * The tools as the model is given them: properties marked `grounded: "<entity>"` become an enum of the
 * values the user mentioned, and are left out while there are none.
 */
export function groundedToolDefinitions(tools: readonly ModelTool[], seen: DialogueContext['seen']): ToolDefinition[] {
  return tools.map((t) => {
    const parameters = groundSchema(t.definition.parameters, seen);
    return parameters === null ? t.definition : { ...t.definition, parameters: parameters as Record<string, unknown> };
  });
}

/** Values of arguments marked `grounded: "<entity>"` must be among the entity values the user mentioned. */
function ungrounded(schema: Record<string, unknown>, args: Record<string, unknown>, seen: DialogueContext['seen']): string | undefined {
  const properties = (schema.properties ?? {}) as Record<string, { grounded?: string }>;
  for (const [name, property] of Object.entries(properties)) {
    if (property.grounded && args[name] !== undefined && !(seen[property.grounded] ?? []).includes(args[name] as string)) {
      return `${name}=${JSON.stringify(args[name])} was not mentioned in the conversation`;
    }
  }
  return undefined;
}

/** A tool call the dialogue will not act on, and why. */
export interface RefusedToolCall {
  call: ParsedToolCall;
  reason: string;
}

/**
 * The value the user mentioned that `value` names (compared as text, ignoring case), for a slot filled
 * from `entity`; undefined when the user never mentioned it.
 */
function mentionedValue(value: unknown, entity: string, seen: DialogueContext['seen']): string | number | boolean | undefined {
  const text = String(value).toLowerCase();
  return (seen[entity] ?? []).find((v) => String(v).toLowerCase() === text);
}

/**
 * Turns the model's tool calls into dialogue commands. A call naming a registered command that was not offered
 * becomes `call_command`, which the executor refuses as not allowed in the dialogue state. Calls to unknown tools or
 * with ungrounded values are refused with the reason. Several calls are several requests (`combineRequests`): the
 * first flow that acts starts, flows that only reply run first, later acting flows are queued (`flowActs` tells
 * them apart; default: every flow acts); a handoff, cancel or help counts only as the first call. Argument schemas are checked again when
 * the flow's command runs through the executor. A slot argument backed by an entity whose value the user
 * never mentioned (a city the model made up) is dropped, reported as refused, and the flow asks for it.
 */
export function commandsFromToolCalls(
  calls: readonly ParsedToolCall[],
  tools: readonly ModelTool[],
  context: DialogueContext,
  commandNames: ReadonlySet<string> = new Set(),
  flowActs: (flow: string) => boolean = () => true,
): { commands: DialogueCommand[]; refused: RefusedToolCall[] } {
  const parts: DialogueCommand[][] = [];
  const refused: RefusedToolCall[] = [];
  for (const call of calls) {
    const commands: DialogueCommand[] = [];
    parts.push(commands);
    const first = parts.length === 1;
    const tool = tools.find((t) => t.definition.name === call.name);
    if (!tool && commandNames.has(call.name) && first) {
      // A registered command the model was not offered: the executor's guard refuses it, visibly.
      commands.push({ type: 'call_command', name: call.name, args: call.arguments });
      continue;
    }
    if (!tool) {
      refused.push({ call, reason: `"${call.name}" is not offered in this dialogue state` });
      continue;
    }
    const problem = ungrounded(tool.definition.parameters, call.arguments, context.seen);
    if (problem) {
      refused.push({ call, reason: problem });
      continue;
    }
    const target = tool.target;
    if (!first && (target.kind === 'handoff' || target.kind === 'cancel' || target.kind === 'help')) {
      refused.push({ call, reason: 'a handoff, cancel or help only as the first call of a turn' });
      continue;
    }
    if (target.kind === 'handoff') commands.push({ type: 'handoff', reason: String(call.arguments.reason ?? 'requested') });
    else if (target.kind === 'cancel') commands.push({ type: 'cancel_flow' });
    else if (target.kind === 'help') commands.push({ type: 'help' });
    else {
      if (context.stack.at(-1)?.flow !== target.flow) commands.push({ type: 'start_flow', flow: target.flow });
      for (const [name, value] of Object.entries(call.arguments)) {
        const entity = target.slotEntities[name];
        const mentioned = entity === undefined ? value : mentionedValue(value, entity, context.seen);
        if (mentioned === undefined) {
          refused.push({ call, reason: `${name}=${JSON.stringify(value)} (${entity}) was not mentioned in the conversation; the flow asks for it` });
          continue;
        }
        commands.push({ type: 'set_slot', name, value: mentioned });
      }
    }
  }
  // Several calls are several requests: at most one flow that acts starts now, the others are queued.
  return { commands: combineRequests(parts.filter((part) => part.length > 0), flowActs), refused };
}

/** The intent a list of dialogue commands acts on: the intent of the flow started, or of the action taken. */
export function intentOfCommands(commands: readonly DialogueCommand[], registry: SkillRegistry): string | null {
  for (const command of commands) {
    const action = command.type === 'handoff' ? 'handoff' : command.type === 'cancel_flow' ? 'cancel' : command.type === 'help' ? 'help' : undefined;
    for (const [intent, definition] of registry.intents) {
      if (action && definition.action === action) return intent;
      if (command.type === 'start_flow' && registry.flowForIntent(intent) === command.flow) return intent;
    }
  }
  return null;
}
