import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerateOptions, ToolDefinition } from '../../engine/llm/language-model.ts';
import { renderChatTemplate } from '../../engine/llm/render-chat-template.ts';
import { starterChatTemplate, starterSpecialTokens } from '../../engine/llm/training/starter-chat-template.ts';
import { createEntityRecognizer } from '../../engine/entities/create-entity-recognizer.ts';
import type { EntityExtractor, ExtractedEntity } from '../../engine/nlu/entity.ts';
import { defaultBackgroundUtterances } from '../../engine/nlu/default-background-utterances.ts';
import type { IntentClassifier, TrainingExample } from '../../engine/nlu/intent-classifier.ts';
import { createLinearIntentTrainer } from '../../engine/nlu/linear-intent-trainer.ts';
import { createSeededRandom, type SeededRandom } from '../../engine/nlu/seeded-random.ts';
import { trainingHash } from '../../engine/nlu/training-hash.ts';
import { modelToolsFor } from '../dialogue/model-tools.ts';
import { loadBotDirectory } from '../load-bot-directory.ts';
import type { SkillRegistry } from '../skill-registry.ts';
import type { CorpusCall, ModelCorpus, ModelCorpusSample } from './model-corpus.ts';
import { createTeacherModel, type TeacherAnswer } from './teacher-model.ts';
import { varyUtterance } from './vary-utterance.ts';

/** Options of {@link generateModelCorpus}. */
export interface ModelCorpusOptions {
  /** The bot directory (with `bot.ts`). */
  botDir: string;
  /** Conversations to generate for training. Default 12000. */
  conversations?: number;
  /** Variants of each held-out phrasing to evaluate on. Default 4. */
  heldOutVariants?: number;
  /** Share of each intent's example phrasings kept out of training. Default 0.2. */
  heldOutFraction?: number;
  /** Share of conversations ending in an off-topic message. Default 0.2. */
  offTopicShare?: number;
  /** Share of conversations with an earlier turn before the labelled one. Default 0.35. */
  contextShare?: number;
  /**
   * Folds of the training phrasings. The classifier reading in a prompt comes from a classifier trained
   * without that phrasing's fold (or, for `fullReadingShare` of the conversations, from the bot's own
   * classifier), so the model learns how far to trust the reading on words it never saw. Default 4.
   */
  folds?: number;
  /**
   * Share of training conversations read by the bot's own classifier, which has seen every phrasing: its
   * readings are right more often than a fold classifier's (on the Acme corpus about 99 % against 73 %),
   * and on new users' words the truth lies in between (about 90 %). Default 0.85 (0.75 gave a model that
   * overrode right readings of 1.00 in 18 of its 60 held-out misses; 0.85 with 0.2 off-topic: 90.5 % against 89.7 %).
   */
  fullReadingShare?: number;
  /**
   * Share of labelled training turns whose words are replaced, in the prompt only, by made-up words of the
   * same length while the classifier reading (taken from the real words) stays: the model learns to lean on
   * the reading when the words are new to it, instead of memorising the example phrasings. Default 0.2.
   */
  unfamiliarWordsShare?: number;
  seed?: number;
  onProgress?: (fraction: number) => void;
}

/** The defaults of {@link ModelCorpusOptions}. */
export const defaultModelCorpusOptions = {
  conversations: 12000,
  heldOutVariants: 4,
  heldOutFraction: 0.2,
  offTopicShare: 0.2,
  contextShare: 0.35,
  folds: 4,
  fullReadingShare: 0.85,
  unfamiliarWordsShare: 0.2,
  seed: 1,
};

interface Labelled {
  intent: string | null;
  text: string;
}

const pick = <T>(rng: SeededRandom, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)]!;

/** Which tool stands for which intent, read from the tools offered with no flow active. */
function toolNamesByIntent(registry: SkillRegistry): Map<string, string> {
  const tools = modelToolsFor(registry);
  const names = new Map<string, string>();
  for (const [intent, definition] of registry.intents) {
    const flow = registry.flowForIntent(intent);
    const tool = tools.find(({ target }) =>
      ((target.kind === 'flow' || target.kind === 'flow-command') && target.flow === flow) ||
      (target.kind !== 'flow' && target.kind !== 'flow-command' && target.kind === definition.action));
    if (tool) names.set(intent, tool.definition.name);
  }
  return names;
}

/** The key of a corpus: a hash of the bot's examples, its model tools and the generation options. */
export function modelCorpusKey(registry: SkillRegistry, options: ModelCorpusOptions): string {
  const { botDir: _dir, onProgress: _progress, ...settings } = { ...defaultModelCorpusOptions, ...options };
  return trainingHash(registry.examples(), { corpus: 'parley-model-corpus/1', settings, tools: modelToolsFor(registry).map((t) => t.definition) });
}

/** The corpus key of the bot in `botDir` (loads the bot without its documents or model). */
export async function modelCorpusKeyOf(options: ModelCorpusOptions): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-corpus-'));
  try {
    const { bot } = await loadBotDirectory(options.botDir, { env: {}, knowledge: false, overrides: { store: 'memory', dataDir, logLevel: 'silent' } });
    const key = modelCorpusKey(bot.registry, options);
    await bot.close();
    return key;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Generates a model's training dialogues from a bot's own skills by running the bot: varied phrasings of
 * its intent examples (kept apart by fold and held-out split), entity values, earlier turns, off-topic
 * messages, with a teacher in the model's place. Each time the bot asks its model, the prompt — system
 * message with the classifier's reading and current task, history, tools — is rendered with the starter
 * chat template exactly as at run time, and the labelled answer is recorded: the intent's tool with the
 * entities the user gave as arguments, or a short "can't help" reply for off-topic messages.
 */
export async function generateModelCorpus(options: ModelCorpusOptions): Promise<ModelCorpus> {
  const o = { ...defaultModelCorpusOptions, ...options };
  const rng = createSeededRandom(o.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-corpus-'));
  const samples: ModelCorpusSample[] = [];
  let current: Labelled | null = null;
  let split: ModelCorpusSample['split'] = 'train';
  let names = new Map<string, string>();
  let registry: SkillRegistry | undefined;
  let extractor: EntityExtractor | undefined;
  let offTopicReply = "Sorry, I can't help with that.";
  const answerFor = (label: Labelled, tools: readonly ToolDefinition[]): TeacherAnswer => {
    const name = label.intent === null ? undefined : names.get(label.intent);
    const tool = tools.find((t) => t.name === name);
    if (!tool || !registry || !extractor) return { reply: offTopicReply };
    return { call: { name: tool.name, arguments: argumentsFor(tool, extractor.extract(label.text), registry) } };
  };
  const teacher = createTeacherModel((request: GenerateOptions) => {
    if (!current) return null;
    const label = current;
    current = null;
    const tools = request.tools ?? [];
    const answer = answerFor(label, tools);
    const messages =
      split === 'train' && label.intent !== null && rng.next() < o.unfamiliarWordsShare
        ? [...request.messages.slice(0, -1), { role: 'user' as const, content: madeUpWords(label.text, rng) }]
        : request.messages;
    const prompt = renderChatTemplate(starterChatTemplate, messages, tools);
    const full = renderChatTemplate(
      starterChatTemplate,
      [...messages, 'call' in answer ? { role: 'assistant', content: '', toolCalls: [answer.call] } : { role: 'assistant', content: answer.reply }],
      tools,
      false,
    );
    if (!full.startsWith(prompt.slice(0, -'assistant\n'.length))) throw new Error('the chat template renders an answer differently from its generation prompt');
    const completion = full.slice(prompt.length).replace(/\n$/, '');
    samples.push({
      split,
      intent: label.intent,
      call: 'call' in answer ? answer.call : null,
      reply: 'reply' in answer ? answer.reply : null,
      text: label.text,
      prompt,
      completion,
      ...(split === 'heldout' ? { messages: [...request.messages], tools: [...tools] } : {}),
    });
    return answer;
  });

  const load = (classifier?: IntentClassifier) =>
    loadBotDirectory(options.botDir, {
      env: {},
      knowledge: false,
      model: teacher,
      ...(classifier ? { classifier } : {}),
      overrides: { store: 'memory', dataDir, logLevel: 'silent', routing: 'model' },
    });
  try {
    const full = await load();
    registry = full.bot.registry;
    extractor = createEntityRecognizer({ entities: registry.entities });
    names = toolNamesByIntent(registry);
    const description = full.definition.description?.replace(/[.\s]+$/, '');
    if (description) offTopicReply = `Sorry, I can't help with that. I can help with ${description.charAt(0).toLowerCase()}${description.slice(1)}.`;
    const entities = registry.entities;

    const heldOut = new Map<string, string[]>();
    const folds: Labelled[][] = Array.from({ length: o.folds }, () => []);
    let trainPhrasings = 0;
    let heldOutPhrasings = 0;
    for (const [intent, definition] of registry.intents) {
      const phrasings = rng.shuffle([...definition.examples]);
      const keep = Math.max(1, Math.round(phrasings.length * o.heldOutFraction));
      heldOut.set(intent, phrasings.slice(0, keep));
      heldOutPhrasings += keep;
      for (const [i, text] of phrasings.slice(keep).entries()) folds[i % o.folds]!.push({ intent, text });
      trainPhrasings += phrasings.length - keep;
    }
    const offTopic = rng.shuffle([...defaultBackgroundUtterances]);
    const offTopicHeldOut = offTopic.slice(0, Math.round(offTopic.length * o.heldOutFraction));
    const offTopicTrain = offTopic.slice(offTopicHeldOut.length);
    const allExamples: TrainingExample[] = registry.examples();

    const play = async (bot: typeof full.bot, turns: Labelled[]) => {
      const conversationId = `corpus-${samples.length}-${Math.floor(rng.next() * 1e9)}`;
      for (const [i, turn] of turns.entries()) {
        current = turn;
        await bot.handle({ id: `${conversationId}-${i}`, conversationId, user: { id: 'corpus', verified: false }, channel: 'corpus', text: turn.text, locale: 'en', timestamp: 0 });
        current = null;
      }
    };
    const variant = (label: Labelled): Labelled => ({ intent: label.intent, text: label.intent === null ? label.text : varyUtterance(label.text, entities, rng) });

    const total = o.conversations + heldOutPhrasings * o.heldOutVariants;
    let done = 0;
    split = 'train';
    for (let k = 0; k < o.folds; k++) {
      const fold = new Set(folds[k]!.map((l) => `${l.intent}\u0000${l.text}`));
      const classifier = await createLinearIntentTrainer().train(allExamples.filter((e) => !fold.has(`${e.intent}\u0000${e.text}`)), { seed: o.seed });
      const foldBot = await load(classifier);
      const pool = folds[k]!;
      const count = Math.round(o.conversations / o.folds);
      for (let n = 0; n < count; n++) {
        const target: Labelled = rng.next() < o.offTopicShare ? { intent: null, text: pick(rng, offTopicTrain) } : variant(pick(rng, pool));
        const turns = rng.next() < o.contextShare ? [variant(pick(rng, pool)), target] : [target];
        await play(rng.next() < o.fullReadingShare ? full.bot : foldBot.bot, turns);
        o.onProgress?.(++done / total);
      }
      await foldBot.bot.close();
    }
    split = 'heldout';
    for (const [intent, phrasings] of heldOut) {
      for (const text of phrasings) {
        for (let v = 0; v < o.heldOutVariants; v++) {
          await play(full.bot, [v === 0 ? { intent, text } : variant({ intent, text })]);
          o.onProgress?.(++done / total);
        }
      }
    }
    for (const text of offTopicHeldOut) await play(full.bot, [{ intent: null, text }]);
    await full.bot.close();
    return {
      botName: full.definition.name,
      key: modelCorpusKey(registry, options),
      chatTemplate: starterChatTemplate,
      specialTokens: starterSpecialTokens,
      samples,
      stats: { intents: registry.intents.size, trainPhrasings, heldOutPhrasings, folds: o.folds, fullReadingShare: o.fullReadingShare, unfamiliarWordsShare: o.unfamiliarWordsShare },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Made-up words as many and as long as the words of `text` (digits kept: they are entity values). */
function madeUpWords(text: string, rng: SeededRandom): string {
  return text.replace(/[a-z]+/gi, (word) => Array.from(word, () => String.fromCharCode(97 + Math.floor(rng.next() * 26))).join(''));
}

/** The tool's arguments the user gave in this message: the last value of each property's entity. */
function argumentsFor(tool: ToolDefinition, found: readonly ExtractedEntity[], registry: SkillRegistry): CorpusCall['arguments'] {
  const properties = (tool.parameters.properties ?? {}) as Record<string, { grounded?: string; enum?: unknown[]; type?: string }>;
  const args: Record<string, unknown> = {};
  const flow = [...registry.flows.entries()].find(([, f]) => f.steps.some((s) => 'call' in s && s.call === tool.name))?.[1] ?? registry.flows.get(tool.name);
  for (const [name, schema] of Object.entries(properties)) {
    if (name === 'reason' && tool.name === 'handoff') {
      args[name] = 'the user asked for a person';
      continue;
    }
    const entity = schema.grounded ?? flow?.slots?.[name]?.entity;
    if (!entity) continue;
    const value = found.filter((e) => e.entity === entity).at(-1)?.value;
    if (value === undefined) continue;
    const typed = schema.type === 'string' ? String(value) : value;
    if (schema.enum && !schema.enum.includes(typed)) continue;
    args[name] = typed;
  }
  return args;
}
