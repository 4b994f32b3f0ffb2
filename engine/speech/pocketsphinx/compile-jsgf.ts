import type { PhraseItem, SpeechLanguage, SpeechPhrase } from '../speech-language.ts';

/** A JSGF grammar and what had to be left out of the language to make it. */
export interface CompiledJsgf {
  jsgf: string;
  /** Phrases dropped because a word of theirs is not in the pronunciation dictionary. */
  dropped: number;
  /** Those unknown words, sorted. */
  unknownWords: string[];
}

const ruleName = (name: string) => `c_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;

/**
 * Writes a {@link SpeechLanguage} as a JSGF grammar pocketsphinx decodes: the phrases as weighted alternatives of
 * the public rule `<utterance>`, each class as a rule. Phrases with a word `known` rejects are left out (the
 * decoder refuses a grammar with words it cannot pronounce); a class left empty drops the phrases that use it.
 */
export function compileJsgf(language: SpeechLanguage, known: (word: string) => boolean): CompiledJsgf {
  const unknown = new Set<string>();
  const classes = new Map<string, string[]>();
  const pending = new Set<string>();
  let dropped = 0;

  const item = (it: PhraseItem): string | undefined => {
    if (typeof it === 'string') {
      if (known(it)) return it;
      unknown.add(it);
      return undefined;
    }
    if ('optional' in it) {
      const inner = item(it.optional);
      return inner === undefined ? '' : `[ ${inner} ]`;
    }
    if ('repeat' in it) {
      const inner = item(it.repeat);
      return inner === undefined || inner === '' ? undefined : `( ${inner} )+`;
    }
    return defineClass(it.class) ? `<${ruleName(it.class)}>` : undefined;
  };
  const phrase = (p: SpeechPhrase): string | undefined => {
    const parts: string[] = [];
    for (const it of p) {
      const text = item(it);
      if (text === undefined) return undefined;
      if (text !== '') parts.push(text);
    }
    return parts.length > 0 ? parts.join(' ') : undefined;
  };
  function defineClass(name: string): boolean {
    if (classes.has(name)) return (classes.get(name) ?? []).length > 0;
    // A class that refers to itself while being defined would never end: treat the inner use as missing.
    if (pending.has(name)) return false;
    pending.add(name);
    const alternatives = [...new Set((language.classes[name] ?? []).flatMap((p) => phrase(p) ?? []))];
    pending.delete(name);
    classes.set(name, alternatives);
    return alternatives.length > 0;
  }

  const weighted = new Map<string, number>();
  for (const p of language.phrases) {
    const text = phrase(p.items);
    if (text === undefined) {
      dropped++;
      continue;
    }
    weighted.set(text, Math.max(weighted.get(text) ?? 0, p.weight ?? 1));
  }
  const lines = ['#JSGF V1.0;', 'grammar parley;'];
  const alternatives = [...weighted].map(([text, weight]) => `/${weight}/ ( ${text} )`);
  lines.push(`public <utterance> = ${alternatives.length > 0 ? alternatives.join(' | ') : '<VOID>'};`);
  for (const [name, alts] of classes) if (alts.length > 0) lines.push(`<${ruleName(name)}> = ${alts.map((a) => `( ${a} )`).join(' | ')};`);
  return { jsgf: `${lines.join('\n')}\n`, dropped, unknownWords: [...unknown].sort() };
}
