import { randomUUID } from 'node:crypto';
import type { Bot } from '../../core/create-bot.ts';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { evaluateKnowledgeRetrieval } from '../../engine/knowledge/evaluate-knowledge-retrieval.ts';
import type { KnowledgeEvalLine } from '../../engine/knowledge/knowledge-eval-line.ts';

/** The report `parley eval --kb` prints as its last line; rates are fractions in [0, 1]. */
export interface KnowledgeEvalReport {
  n: number;
  retrieval_recall_at_5: number;
  /** Share of questions whose document is the first search result. */
  retrieval_recall_at_1: number;
  answer_accuracy: number;
  /** Mean time of one knowledge search, and of one whole turn through the bot (understanding, search, reply), in ms. */
  search_ms: number;
  turn_ms: number;
  misses: Array<Record<string, unknown>>;
}

/**
 * Scores a bot's knowledge answering from outside: each question is the first turn of a fresh conversation
 * through the whole bot; an answer counts when the bot's reply contains one of `answer_contains`
 * (case-insensitive). Retrieval recall at 5: the named document among the top 5 search results.
 */
export async function evaluateKnowledge(bot: Bot, lines: readonly KnowledgeEvalLine[]): Promise<KnowledgeEvalReport> {
  const kb = bot.knowledge;
  if (!kb) throw new ConfigError('--kb', 'a bot directory with a knowledge/ folder');
  const retrieval = await evaluateKnowledgeRetrieval({ kb, lines, k: 5 });
  const missedDocs = new Set(retrieval.misses.map((m) => m.question));
  const misses: KnowledgeEvalReport['misses'] = [];
  let answered = 0;
  let turnMs = 0;
  for (const line of lines) {
    const t0 = performance.now();
    const result = await bot.handle({
      id: randomUUID(),
      conversationId: `kb-eval-${randomUUID()}`,
      user: { id: 'eval', verified: false },
      channel: 'eval',
      text: line.question,
      locale: 'en',
      timestamp: Date.now(),
    });
    turnMs += performance.now() - t0;
    const reply = result.events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])).join('\n');
    const ok = line.answer_contains.some((s) => reply.toLowerCase().includes(s.toLowerCase()));
    if (ok) answered += 1;
    if (!ok || missedDocs.has(line.question)) {
      misses.push({ question: line.question, doc: line.doc, retrieved: !missedDocs.has(line.question), answered: ok, reply });
    }
  }
  const n = lines.length;
  const ms = (total: number) => (n === 0 ? 0 : Number((total / n).toFixed(2)));
  return {
    n,
    retrieval_recall_at_5: retrieval.recall,
    retrieval_recall_at_1: retrieval.recallAt1,
    answer_accuracy: n === 0 ? 0 : answered / n,
    search_ms: Number(retrieval.searchMs.toFixed(2)),
    turn_ms: ms(turnMs),
    misses,
  };
}
