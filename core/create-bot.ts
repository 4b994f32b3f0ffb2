import pino from 'pino';
import type { KnowledgeBase } from '../engine/knowledge/knowledge-base.ts';
import type { IntentClassifier } from '../engine/nlu/intent-classifier.ts';
import { type BotOptions, defaultBotOptions, defaultGenerationSettings } from './bot-options.ts';
import { createCommandExecutor } from './command-executor.ts';
import type { BotEvent } from './contracts/bot-event.ts';
import { defaultDialoguePolicy } from './contracts/dialogue-policy.ts';
import { ConfigError } from './contracts/errors/config-error.ts';
import { isStoreUnavailable } from './contracts/errors/store-unavailable-error.ts';
import type { HistoryEntry } from './contracts/transcript.ts';
import type { TurnHandler, TurnInterrupter } from './contracts/turn-handler.ts';
import type { TurnResult } from './contracts/turn-result.ts';
import { checkTurn } from './check-turn.ts';
import { createDialogueMachine } from './dialogue/dialogue-machine.ts';
import { createLeasedTurnProcessor, isRetryableTurnError } from './leased-turn-processor.ts';
import { type ResolvedBotLocales, resolveBotLocales } from './bot-locales.ts';
import { chooseConversationLocale, type LocaleEvidence } from './choose-conversation-locale.ts';
import { type BotLanguage, createBotLanguageDetector, createBotLanguages } from './create-bot-languages.ts';
import type { SkillRegistry } from './skill-registry.ts';
import { createStoreHealth } from './store-health.ts';
import { createMemoryStore } from './stores/memory-store.ts';
import { streamTurn } from './stream-turn.ts';
import { decodeTranscriptQuery, encodeTranscriptCursor } from './transcript-cursor.ts';
import { createTurnQueue } from './turn-queue.ts';
import { isOwnerDeadHere, processOwnerId } from './process-owner.ts';
import { redactPii } from './redact-pii.ts';
import { createTurnRunner } from './turn-runner.ts';
import { withPiiRedaction } from './with-pii-redaction.ts';

export { turnLimits } from './check-turn.ts';

/** A running bot: hand it user turns from any channel. */
export interface Bot extends TurnHandler, TurnInterrupter {
  readonly registry: SkillRegistry;
  readonly classifier: IntentClassifier;
  /** The languages the bot speaks; `registry` and `classifier` are those of the default one. */
  readonly locales: ResolvedBotLocales;
  /** Skills, classifier and words per supported locale. */
  readonly languages: ReadonlyMap<string, BotLanguage>;
  /** The bot's documents, when it has them. */
  readonly knowledge?: KnowledgeBase;
  /** The conversation's whole transcript, oldest first (every page of {@link TurnHandler.transcript}). */
  history(conversationId: string): Promise<HistoryEntry[]>;
  /** Finishes the turns the store holds as accepted but unfinished (a crash); resolves with how many ran. */
  recover(): Promise<number>;
  /** Waits for running turns and closes the store. */
  close(): Promise<void>;
}

type TurnListener = (event: BotEvent) => void;

const hourMs = 60 * 60 * 1000;
const maxRecoveryAttempts = 5;

/**
 * Creates a bot from skills: trains (or loads) the intent classifier, builds the dialogue machine and the
 * per-conversation turn queue over the store's durable inbox, effects journal and leases. Unless told otherwise
 * it finishes the turns a crash left accepted but unfinished.
 *
 * @example
 * const bot = await createBot({ skills: [...builtinSkills(), mySkill], store: createSqliteStore({ file }) });
 * const { events } = await bot.handle({ id: 't1', conversationId: 'c1', user: { id: 'u1', verified: false },
 *   channel: 'rest', text: 'hi', locale: 'en', timestamp: Date.now() });
 */
export async function createBot(options: BotOptions): Promise<Bot> {
  const now = options.now ?? Date.now;
  const redact = options.redactPii ?? defaultBotOptions.redactPii;
  const baseLog = options.logger ?? pino({ level: 'silent' });
  const log = redact ? withPiiRedaction(baseLog) : baseLog;
  const data = options.data ?? {};
  const store = options.store ?? createMemoryStore();
  if (options.routing === 'model' && !options.model) throw new ConfigError('routing', 'a model when routing is "model"');
  const locales = resolveBotLocales(options.locales);
  const languages = await createBotLanguages({
    skills: options.skills,
    locales,
    ...(options.messages ? { messages: options.messages } : {}),
    ...(options.classifier ? { classifier: options.classifier } : {}),
    cacheDir: options.cacheDir,
    timeZone: options.timeZone ?? 'UTC',
    now,
    log,
  });
  const main = languages.get(locales.default)!;
  const { registry, classifier, extractor, messages } = main;
  const detector = await createBotLanguageDetector(languages, locales, { cacheDir: options.cacheDir, log });
  // The threshold chosen for a language's classifier is where it stops understanding, unless the bot sets its own.
  const policyOf = (language: BotLanguage) => ({
    ...defaultDialoguePolicy,
    ...(language.classifier.abstention ? { minConfidence: language.classifier.abstention.threshold } : {}),
    ...options.policy,
  });
  const policy = policyOf(main);
  const executor = createCommandExecutor({ registry, log, data, maxCommandsPerTurn: policy.maxCommandsPerTurn, now, journal: store, redactPii: redact });
  const machineOf = (language: BotLanguage) => createDialogueMachine({ registry: language.registry, policy: policyOf(language), messages: language.messages, data, now, hasModel: options.model !== undefined, routing: options.routing ?? 'classifier', knowledgeAnswers: options.generation?.knowledgeAnswers ?? defaultGenerationSettings.knowledgeAnswers });
  const machine = machineOf(main);
  const runTurns = createTurnRunner({
    machine,
    registry,
    ...(options.model ? { model: options.model } : {}),
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    generation: { ...defaultGenerationSettings, ...options.generation },
    classifier,
    extractor,
    executor,
    store,
    messages,
    log,
    now,
    minConfidence: policy.minConfidence,
    knowledgeOverIntentConfidence: policy.knowledgeOverIntentConfidence,
    redactPii: redact,
    ...(languages.size > 1
      ? {
          languages: new Map([...languages].map(([locale, language]) => [locale, { machine: machineOf(language), messages: language.messages, services: language }])),
          chooseLocale: (evidence: LocaleEvidence) => chooseConversationLocale(evidence, { supported: locales.supported, defaultLocale: locales.default, ...(detector ? { detector } : {}) }),
        }
      : {}),
  });
  const health = createStoreHealth(store);
  const { processTurns, releaseAll } = createLeasedTurnProcessor({
    store,
    runTurns,
    log,
    now,
    nodeId: options.nodeId ?? processOwnerId(),
    isOwnerDead: isOwnerDeadHere,
    leaseTtlMs: options.leaseTtlMs ?? defaultBotOptions.leaseTtlMs,
    leaseWaitMs: options.leaseWaitMs ?? defaultBotOptions.leaseWaitMs,
    leaseLingerMs: options.leaseLingerMs ?? defaultBotOptions.leaseLingerMs,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  const listeners = new Map<string, TurnListener>();
  const queue = createTurnQueue<TurnResult>({
    coalesceMs: options.coalesceMs ?? defaultBotOptions.coalesceMs,
    process: (turns, signal) =>
      processTurns(turns, signal, (event) => {
        for (const t of turns) listeners.get(`${t.conversationId}\u0000${t.id}`)?.(event);
      }),
  });
  const inflight = new Map<string, Promise<TurnResult>>();
  const defaultPolicy = options.turnPolicy ?? defaultBotOptions.turnPolicy;

  const handle: Bot['handle'] = async (turn, handleOptions = {}) => {
    checkTurn(turn);
    const key = `${turn.conversationId}\u0000${turn.id}`;
    const running = inflight.get(key);
    if (running) {
      handleOptions.onAccepted?.();
      return running.then((r) => ({ ...r, status: 'duplicate' as const }));
    }
    const result = (async () => {
      const accepted = await store.acceptTurn(turn).catch((error: unknown) => {
        if (isStoreUnavailable(error)) health.failed(error);
        throw error;
      });
      handleOptions.onAccepted?.();
      if (accepted.status === 'done') return { ...accepted.result, turnId: turn.id, status: 'duplicate' as const };
      if (handleOptions.onEvent) listeners.set(key, handleOptions.onEvent);
      const r = await queue.submit(turn, (turn.policy ?? defaultPolicy) === 'supersede').catch((error: unknown) => {
        if (isStoreUnavailable(error)) health.failed(error);
        throw error;
      });
      return { ...r, turnId: turn.id };
    })().finally(() => {
      inflight.delete(key);
      listeners.delete(key);
    });
    inflight.set(key, result);
    return result;
  };

  let closed = false;
  const leaseTtlMs = options.leaseTtlMs ?? defaultBotOptions.leaseTtlMs;
  const recover = async (attempt = 0): Promise<number> => {
    const pending = await store.pendingTurns();
    if (pending.length > 0) log.warn({ turns: pending.length, attempt }, 'finishing turns accepted before a restart');
    const results = await Promise.allSettled(pending.map((t) => handle(t)));
    let retryable = 0;
    for (const [i, r] of results.entries()) {
      if (r.status !== 'rejected') continue;
      if (isRetryableTurnError(r.reason)) retryable += 1;
      log.error({ err: r.reason, conversationId: pending[i]!.conversationId, turnId: pending[i]!.id }, 'recovering a turn failed');
    }
    // A lease still held by a process on another host, or a store that is down: try again once leases have expired.
    if (retryable > 0 && attempt < maxRecoveryAttempts && !closed) setTimeout(() => void recover(attempt + 1).catch(() => 0), leaseTtlMs).unref();
    return pending.length;
  };
  const retentionMs = options.retentionMs;
  const purge = () => {
    if (retentionMs === undefined) return;
    store.purge(now() - retentionMs).catch((error: unknown) => log.error({ err: error }, 'purging old turns failed'));
  };
  const purgeTimer = retentionMs === undefined ? undefined : setInterval(purge, hourMs);
  purgeTimer?.unref();
  purge();
  const recovered = (options.recoverPendingTurns ?? defaultBotOptions.recoverPendingTurns) ? recover().catch((error: unknown) => {
    log.error({ err: error }, 'listing unfinished turns failed');
    return 0;
  }) : Promise.resolve(0);

  return {
    registry,
    classifier,
    locales,
    languages,
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    handle,
    stream: (turn) => streamTurn(handle, turn),
    async transcript(conversationId, query) {
      const range = decodeTranscriptQuery(query);
      const lines = await store.transcript(conversationId, { afterSeq: range.afterSeq, limit: range.limit + 1 });
      const page = lines.slice(0, range.limit);
      return {
        entries: page.map(({ seq: _seq, ...entry }) => entry),
        next: lines.length > range.limit ? encodeTranscriptCursor(page.at(-1)!.seq) : null,
      };
    },
    async history(conversationId) {
      const entries: HistoryEntry[] = [];
      for (let afterSeq = 0; ; ) {
        const lines = await store.transcript(conversationId, { afterSeq, limit: 500 });
        for (const { seq: _seq, ...entry } of lines) entries.push(entry);
        if (lines.length < 500) return entries;
        afterSeq = lines.at(-1)!.seq;
      }
    },
    async recentHistory(conversationId, lines) {
      return (await store.recentTranscript(conversationId, lines)).map(({ seq: _seq, ...entry }) => entry);
    },
    health: () => health.check(),
    abort: (conversationId, turnId) => queue.abort(conversationId, turnId),
    async reviseReply(conversationId, turnId, text) {
      await inflight.get(`${conversationId}\u0000${turnId}`)?.catch(() => undefined);
      return store.reviseReply(conversationId, turnId, redact ? redactPii(text) : text);
    },
    recover,
    async close() {
      closed = true;
      if (purgeTimer) clearInterval(purgeTimer);
      await recovered;
      await Promise.allSettled([...inflight.values()]);
      await releaseAll().catch(() => undefined);
      await options.knowledge?.close();
      await store.close();
    },
  };
}
