import type { TokenConstraint } from '../../../../engine/llm/token-constraint.ts';
import type { Vocabulary } from '../../../../engine/llm/vocabulary.ts';

/** A scripted model: scores for every token given the text generated so far. */
export type ScriptedModel = (generated: string) => Float32Array;

const decoder = new TextDecoder();
const texts = new WeakMap<Vocabulary, string[]>();

/** Each token's text (partial UTF-8 shows as U+FFFD), cached per vocabulary. */
export function tokenTexts(vocabulary: Vocabulary): string[] {
  let list = texts.get(vocabulary);
  if (!list) {
    list = Array.from({ length: vocabulary.size }, (_, id) =>
      vocabulary.isSpecial(id) ? '' : decoder.decode(vocabulary.bytes(id)),
    );
    texts.set(vocabulary, list);
  }
  return list;
}

/**
 * A model that wants to write `target`: the token that continues it furthest scores highest (special
 * tokens too, e.g. to stop early); once the text has left the target, `bias` decides, plus a small
 * deterministic per-token jitter so ties do not always fall to the lowest id.
 */
export function scriptedModel(
  vocabulary: Vocabulary,
  target: string,
  bias: (token: string) => number = () => 0,
): ScriptedModel {
  const tokens = tokenTexts(vocabulary);
  const base = new Float32Array(vocabulary.size);
  for (let id = 0; id < vocabulary.size; id++) {
    base[id] = bias(tokens[id]!) + ((Math.imul(id, 2654435761) >>> 0) % 1000) / 10_000;
  }
  return (generated) => {
    const scores = base.slice();
    if (!target.startsWith(generated)) return scores;
    const rest = target.slice(generated.length);
    for (let id = 0; id < vocabulary.size; id++) {
      const token = tokens[id]!;
      if (token !== '' && rest.startsWith(token)) scores[id] = 1000 + token.length;
    }
    return scores;
  };
}

/**
 * Greedy decoding under a constraint, the way the onnx decoder drives it: mask, pick the best allowed
 * token, advance; until the constraint finishes or `maxTokens` run out.
 */
export function decodeGreedy(
  constraint: TokenConstraint,
  vocabulary: Vocabulary,
  model: ScriptedModel,
  maxTokens = 600,
): { text: string; finished: boolean; tokens: number } {
  const bytes: number[] = [];
  let tokens = 0;
  while (!constraint.finished && tokens < maxTokens) {
    const mask = constraint.mask();
    const scores = model(decoder.decode(Uint8Array.from(bytes)));
    let best = -1;
    for (let id = 0; id < scores.length; id++) {
      if (mask[id] === 1 && (best < 0 || scores[id]! > scores[best]!)) best = id;
    }
    constraint.advance(best);
    bytes.push(...vocabulary.bytes(best));
    tokens++;
  }
  return { text: decoder.decode(Uint8Array.from(bytes)), finished: constraint.finished, tokens };
}
