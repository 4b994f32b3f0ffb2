import { InputError } from '../../../core/contracts/errors/input-error.ts';
import type { GenerateOptions } from '../language-model.ts';
import type { GenerationRequest } from './generation-request.ts';

/** Model-level settings a call falls back on. */
export interface GenerationDefaults {
  maxTokens: number;
  toolCallFormat?: GenerationRequest['toolCallFormat'];
  /** Uniform floats in [0, 1) that seed calls without a seed. */
  random: () => number;
}

/**
 * A call's options as plain data for the decoding worker, defaults filled in.
 * @throws InputError naming the field for a maxTokens, temperature or topP out of range, or no messages.
 */
export function toGenerationRequest(call: GenerateOptions, defaults: GenerationDefaults): GenerationRequest {
  const { maxTokens, temperature, topP } = call;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0)) {
    throw new InputError('maxTokens', `must be a positive integer, got ${maxTokens}`);
  }
  if (temperature !== undefined && !(temperature >= 0 && Number.isFinite(temperature))) {
    throw new InputError('temperature', `must be a finite number >= 0, got ${temperature}`);
  }
  if (topP !== undefined && !(topP > 0 && topP <= 1))
    throw new InputError('topP', `must be in (0, 1], got ${topP}`);
  if (call.messages.length === 0) throw new InputError('messages', 'must hold at least one message');
  return {
    messages: call.messages.map((m) => ({ ...m })),
    ...(call.tools ? { tools: call.tools.map((t) => ({ ...t })) } : {}),
    maxTokens: maxTokens ?? defaults.maxTokens,
    temperature: temperature ?? 0,
    topP: topP ?? 1,
    seed: call.seed ?? Math.floor(defaults.random() * 2 ** 32),
    stop: [...(call.stop ?? [])],
    toolChoice: call.toolChoice ?? 'auto',
    ...(defaults.toolCallFormat ? { toolCallFormat: defaults.toolCallFormat } : {}),
  };
}
