import type { InferenceSession } from 'onnxruntime-common';

/** How a decoder graph takes and returns its KV cache (names and shapes, from the graph's metadata). */
export interface KvCacheLayout {
  /**
   * Pairs of cache input and the output that replaces it after a step (`past_key_values.0.key` → `present.0.key`),
   * and, when the graph has it, the output of only the positions the step added (`new_key_values.0.key`).
   */
  entries: ReadonlyArray<{ input: string; output: string; appended?: string }>;
  /** Heads and head size of one cache tensor: its shape is [1, heads, past length, headSize]. */
  heads: number;
  headSize: number;
  /** Element type of the cache tensors. */
  type: 'float32' | 'float16';
  /** Whether the graph takes `position_ids` (older exports compute positions from the mask). */
  positionIds: boolean;
}

/** The subset of model config fields used when the graph leaves cache dimensions symbolic. */
export interface KvCacheConfig {
  num_key_value_heads?: number;
  num_attention_heads?: number;
  hidden_size?: number;
  head_dim?: number;
}

const known = new Set(['input_ids', 'attention_mask', 'position_ids']);

/**
 * Reads the KV cache layout of a decoder session exported in the transformers.js / Optimum layout
 * (`input_ids`, `attention_mask`, `position_ids`, `past_key_values.{i}.key|value` → `logits`,
 * `present.{i}.key|value`, and optionally parley's `new_key_values.{i}.key|value`). Returns a list of problems instead when the graph is not such a decoder.
 */
export function readKvCacheLayout(
  session: InferenceSession,
  config: KvCacheConfig,
): KvCacheLayout | string[] {
  const problems: string[] = [];
  const entries: Array<{ input: string; output: string; appended?: string }> = [];
  const outputs = new Set(session.outputNames);
  for (const name of session.inputNames) {
    if (known.has(name)) continue;
    const past = /^past_key_values\.(\d+)\.(key|value)$/.exec(name);
    if (!past) {
      problems.push(`unsupported graph input "${name}"`);
      continue;
    }
    const output = `present.${past[1]}.${past[2]}`;
    if (!outputs.has(output)) problems.push(`graph input "${name}" has no matching output "${output}"`);
    const appended = `new_key_values.${past[1]}.${past[2]}`;
    entries.push(outputs.has(appended) ? { input: name, output, appended } : { input: name, output });
  }
  if (!session.inputNames.includes('input_ids')) problems.push('graph has no "input_ids" input');
  if (!outputs.has('logits')) problems.push('graph has no "logits" output');
  if (entries.length === 0)
    problems.push('graph has no KV cache inputs (past_key_values.*): export it with use_cache');
  if (problems.length > 0) return problems;

  const first = session.inputMetadata.find((m) => m.name === entries[0]!.input);
  const shape = first?.isTensor ? first.shape : [];
  const fromConfig = config.num_key_value_heads ?? config.num_attention_heads ?? 0;
  const heads = typeof shape[1] === 'number' ? shape[1] : fromConfig;
  const headSize =
    typeof shape[3] === 'number'
      ? shape[3]
      : (config.head_dim ?? Math.floor((config.hidden_size ?? 0) / (config.num_attention_heads ?? 1)));
  if (!(heads > 0 && headSize > 0)) return ['cannot tell the KV cache shape from the graph or config.json'];
  const type = first?.isTensor && first.type === 'float16' ? 'float16' : 'float32';
  return { entries, heads, headSize, type, positionIds: session.inputNames.includes('position_ids') };
}
