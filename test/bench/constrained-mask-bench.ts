/**
 * Per-token cost of the constrained decoder's mask on GPT-2's 50,257-token vocabulary.
 *
 *   node --import tsx test/bench/constrained-mask-bench.ts
 *
 * Decodes two realistic Hermes tool calls token by token (as GPT-2's BPE splits them) under the tool-call
 * constraint and times every `mask()` call: cold (the first time a state is seen, so the mask is computed;
 * each round uses a freshly compiled grammar; rounds alternate between `^\d{5}$` order ids and order ids
 * grounded in the conversation), warm (the same decode again: served from the cache), and
 * first pass overall. Warm-up rounds on other grammars run first, so "cold" measures mask computation
 * rather than JIT compilation; the very first decode of the process (JIT still compiling) is reported
 * on its own. Then, cold only, three harder schemas whose strings admit much of the vocabulary: for the
 * first grammar that uses each, and for later ones (which reuse the per-pattern walks). Prints a table,
 * then one line of JSON (times in milliseconds).
 */
import { cpus, loadavg } from 'node:os';
import { encode } from 'gpt-3-encoder';
import { z } from 'zod';
import { createJsonSchemaConstraint } from '../../engine/llm/constrained/create-json-schema-constraint.ts';
import { createToolCallConstraint } from '../../engine/llm/constrained/create-tool-call-constraint.ts';
import { vocabularyIndexOf } from '../../engine/llm/constrained/vocabulary-index.ts';
import type { ConstrainedTool } from '../../engine/llm/tool-call-format.ts';
import { toolsToConstrainedTools } from '../../engine/llm/tool-calls/tools-to-constrained-tools.ts';
import { gpt2Vocabulary } from '../engine/llm/constrained/gpt2-vocabulary.ts';

const coldRounds = 30;
/** Rounds on throw-away grammars first, so that JIT compilation is not counted as mask time. */
const warmUpRounds = 6;
const calls = [
  '\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "the zipper broke after two days"}}\n</tool_call>',
  '\n{"name": "get_order_status", "arguments": {"order_id": "45210"}}\n</tool_call>',
];
const commands = {
  create_return: {
    parameters: z.object({ order_id: z.string().regex(/^\d{5}$/), reason: z.string().min(1).max(500) }),
  },
  get_order_status: { parameters: z.object({ order_id: z.string().regex(/^\d{5}$/) }) },
  track_parcel: {
    parameters: z.object({ carrier: z.enum(['ups', 'dhl', 'gls']), express: z.boolean().optional() }),
  },
};

let started = performance.now();
const vocabulary = gpt2Vocabulary();
const loadMs = performance.now() - started;
started = performance.now();
const index = vocabularyIndexOf(vocabulary);
const trieMs = performance.now() - started;

interface Sample {
  /** Wall-clock time. */
  ms: number;
  /** CPU time of the process (user + system): unaffected by other processes taking the core. */
  cpuMs: number;
  hit: boolean;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Decodes every call once under a constraint built with `variant` (a new variant means a new grammar). */
function decodeAll(
  tools: readonly ConstrainedTool[],
  variant: number,
): { mask: Sample[]; advanceMs: number[] } {
  const mask: Sample[] = [];
  const advanceMs: number[] = [];
  for (const call of calls) {
    const options = { leading: '\n', trailing: '\n', closing: '</tool_call>', maxItems: 64 + variant };
    const constraint = createToolCallConstraint(tools, vocabulary, options);
    for (const id of encode(call)) {
      const before = index.masks.size;
      const cpu = process.cpuUsage();
      let t = performance.now();
      const allowed = constraint.mask();
      const ms = performance.now() - t;
      mask.push({ ms, cpuMs: cpuMs(cpu), hit: index.masks.size === before });
      if (allowed[id] !== 1) throw new Error(`token ${id} of ${JSON.stringify(call)} was masked`);
      t = performance.now();
      constraint.advance(id);
      advanceMs.push(performance.now() - t);
    }
    if (!constraint.finished) throw new Error('the call did not finish the constraint');
  }
  return { mask, advanceMs };
}

function stats(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

const tools = toolsToConstrainedTools(commands);
const groundedTools = toolsToConstrainedTools(commands, { order_id: ['45210', '45211'] });
const processFirst = decodeAll(groundedTools, -1).mask.map((sample) => sample.ms);
for (let round = 2; round <= warmUpRounds; round++)
  decodeAll(round % 2 === 0 ? tools : groundedTools, -round);

const cold: number[] = [];
const coldCpu: number[] = [];
const firstPass: number[] = [];
const advance: number[] = [];
for (let round = 0; round < coldRounds; round++) {
  const { mask, advanceMs } = decodeAll(round % 2 === 0 ? tools : groundedTools, round);
  for (const sample of mask) {
    firstPass.push(sample.ms);
    if (!sample.hit) {
      cold.push(sample.ms);
      coldCpu.push(sample.cpuMs);
    }
  }
  advance.push(...advanceMs);
}
const warm: number[] = [];
const warmCpu: number[] = [];
for (let round = 0; round < coldRounds; round++) {
  for (const sample of decodeAll(round % 2 === 0 ? tools : groundedTools, round).mask) {
    warm.push(sample.ms);
    warmCpu.push(sample.cpuMs);
  }
}

/** Harder schemas, cold only: wide patterns admit much of the vocabulary at every step. */
const email =
  "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$";
const wideSchemas: [string, unknown, string][] = [
  [
    "zod's e-mail pattern",
    { type: 'object', properties: { email: { type: 'string', pattern: email } }, required: ['email'] },
    '{"email": "first.last@shop.example.org"}',
  ],
  [
    '^[a-z ]+$ pattern',
    { type: 'object', properties: { s: { type: 'string', pattern: '^[a-z ]+$' } }, required: ['s'] },
    '{"s": "the zipper broke after two days"}',
  ],
  [
    'any JSON value ({})',
    { type: 'object', properties: { data: {} }, required: ['data'] },
    '{"data": {"a": [1, 2.5, "x y"], "b": null}}',
  ],
];
const wide: Record<
  string,
  { firstGrammar: ReturnType<typeof stats>; laterGrammars: ReturnType<typeof stats> }
> = {};
for (const [label, schema, text] of wideSchemas) {
  const first: number[] = [];
  const later: number[] = [];
  for (let round = 0; round < 1 + coldRounds / 3; round++) {
    const constraint = createJsonSchemaConstraint(schema, vocabulary, { maxItems: 1000 + round });
    for (const id of encode(text)) {
      const before = index.masks.size;
      const t = performance.now();
      constraint.mask();
      const ms = performance.now() - t;
      if (index.masks.size !== before) (round === 0 ? first : later).push(ms);
      constraint.advance(id);
    }
  }
  wide[label] = { firstGrammar: stats(first), laterGrammars: stats(later) };
}

const result = {
  vocabularySize: vocabulary.size,
  trieNodes: index.trie.childStart.length - 1,
  longestTokenBytes: index.horizon,
  vocabularyLoadMs: Math.round(loadMs),
  trieBuildMs: Math.round(trieMs),
  tokensPerPass: firstPass.length / coldRounds,
  maskCold: stats(cold),
  maskColdCpu: stats(coldCpu),
  maskWarm: stats(warm),
  maskWarmCpu: stats(warmCpu),
  maskFirstPass: stats(firstPass),
  maskProcessFirst: stats(processFirst),
  advance: stats(advance),
  wideSchemasCold: wide,
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  node: process.version,
  loadAverage: Math.round(loadavg()[0]! * 100) / 100,
};

const row = (label: string, s: ReturnType<typeof stats>) =>
  `${label.padEnd(34)}${String(s.n).padStart(6)}${s.p50.toFixed(3).padStart(10)}${s.p99.toFixed(3).padStart(10)}${s.max.toFixed(3).padStart(10)}`;
console.log(
  `GPT-2 vocabulary: ${result.vocabularySize} tokens, trie ${result.trieNodes} nodes, built in ${result.trieBuildMs} ms (load ${result.vocabularyLoadMs} ms)`,
);
console.log(
  `${result.cpu} (load ${result.loadAverage}), Node ${result.node}; ${result.tokensPerPass} tokens per pass, ${coldRounds} rounds`,
);
console.log(
  `${'per token (ms)'.padEnd(34)}${'n'.padStart(6)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}`,
);
console.log(row('mask, cold (state first seen)', result.maskCold));
console.log(row('  same, CPU time', result.maskColdCpu));
console.log(row('mask, warm (cached state)', result.maskWarm));
console.log(row('  same, CPU time', result.maskWarmCpu));
console.log(row('mask, first pass (cold + repeats)', result.maskFirstPass));
console.log(row('mask, first decode of the process', result.maskProcessFirst));
console.log(row('advance', result.advance));
console.log(
  'other schemas, mask cold: first grammar with the schema, then new grammars (pattern walks cached)',
);
for (const [label, value] of Object.entries(wide)) {
  console.log(row(`  ${label}, first`, value.firstGrammar));
  console.log(row(`  ${label}, later`, value.laterGrammars));
}
console.log(JSON.stringify(result));
