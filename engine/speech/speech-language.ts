/**
 * What a recognizer should expect to hear, backend-neutral: the phrases the bot understands now. A grammar
 * backend (pocketsphinx) decodes only these; an open-vocabulary backend (Whisper) takes them as a prompt.
 *
 * A phrase is a list of items: a word, or a reference to a class (`{ class: 'digit' }`) whose alternatives
 * are phrases of their own, so "order <digits>" covers every order number without listing them.
 */
export interface SpeechLanguage {
  /** Top-level phrases, with an optional weight each (default 1; higher is more likely). */
  phrases: readonly WeightedPhrase[];
  /** Named classes the phrases refer to. */
  classes: Readonly<Record<string, readonly SpeechPhrase[]>>;
  /**
   * More sentences for a statistical model only, never for a grammar: how users say the phrases in their own way
   * (the bot's examples varied as `parley train-model` varies them, with openers and closers around them). Each
   * counts as one sentence (classes filled once). Default none.
   */
  corpus?: readonly WeightedPhrase[];
}

/** One item of a phrase: a lower-case word, a class reference, or an optional item. */
export type PhraseItem = string | { class: string } | { optional: PhraseItem } | { repeat: PhraseItem };

/** A sequence of items. */
export type SpeechPhrase = readonly PhraseItem[];

/** A top-level phrase and how likely it is relative to the others. */
export interface WeightedPhrase {
  items: SpeechPhrase;
  weight?: number;
}

/** The words of a language's phrases and classes (what a grammar's pronunciation dictionary must know; not the corpus). */
export function languageWords(language: SpeechLanguage): Set<string> {
  const words = new Set<string>();
  const visit = (item: PhraseItem): void => {
    if (typeof item === 'string') words.add(item);
    else if ('optional' in item) visit(item.optional);
    else if ('repeat' in item) visit(item.repeat);
  };
  for (const phrase of language.phrases) phrase.items.forEach(visit);
  for (const alternatives of Object.values(language.classes)) for (const phrase of alternatives) phrase.forEach(visit);
  return words;
}
