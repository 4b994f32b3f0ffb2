import { stemmer } from 'stemmer';
import { americanSpelling } from './american-spelling.ts';
import { defaultKnowledgeSynonyms } from './default-knowledge-synonyms.ts';
import { englishStopWords } from './english-stop-words.ts';
import { withDefaults } from './with-defaults.ts';

/** One way a question's concept can appear in a passage: all of `terms`, scored times `weight`. */
export interface ConceptAlternative {
  /** Index terms (stems), all of which the passage must contain. */
  terms: string[];
  /** 1 for the user's own words, the synonym weight for the other members of its groups. */
  weight: number;
}

/** One thing a question asks about: a word, or a phrase of a synonym group, with its alternatives. */
export interface QueryConcept {
  /** The words as the user wrote them (lower case), e.g. "money back". */
  surface: string;
  /** The user's own index terms; empty for a phrase of function words ("how long"). */
  own: string[];
  alternatives: ConceptAlternative[];
}

/** Options of {@link createKnowledgeAnalyzer}. */
export interface KnowledgeAnalyzerOptions {
  /** Words dropped from documents and questions (after lower-casing). Default `englishStopWords`. */
  stopWords: ReadonlySet<string>;
  /** Synonym groups, see `defaultKnowledgeSynonyms` (the default). Pass `[]` to search words only. */
  synonyms: readonly (readonly string[])[];
  /** Weight of a synonym relative to the user's own word, in (0, 1]. Default 0.6. */
  synonymWeight: number;
}

/** Defaults of {@link KnowledgeAnalyzerOptions}. */
export const defaultKnowledgeAnalyzerOptions: KnowledgeAnalyzerOptions = {
  stopWords: englishStopWords,
  synonyms: defaultKnowledgeSynonyms,
  synonymWeight: 0.6,
};

/** Turns documents into index terms and questions into concepts, the same way on both sides. */
export interface KnowledgeAnalyzer {
  /** Index terms of a text: tokens without stop words, American spelling, Porter stems. */
  terms(text: string): string[];
  /** The concepts of a question, in order, each with its synonyms. */
  concepts(question: string): QueryConcept[];
}

const apostrophes = /['’‘`´]/g;
/** Letters joined by a hyphen: "wi-fi", "e-books", "sign-in". */
const hyphenated = /\p{L}+(?:-\p{L}+)+/gu;
const thousands = /(\d),(?=\d{3}(?!\d))/g;
/** A clock time ("10:30") is one token, so that its minutes never match a count ("30 people"). */
const token = /\p{N}+(?:\.\p{N}+|:\p{N}{2}(?!\p{N}))?|[\p{L}\p{M}]+/gu;
const longestPhrase = 4;
const negations = new Set([
  'no',
  'not',
  'without',
  'never',
  'nothing',
  'none',
  'nobody',
  'cant',
  'dont',
  'didnt',
  'doesnt',
]);
// Porter stems that merge words of unrelated meaning; these words keep a stem of their own.
const stemOverrides: Readonly<Record<string, string>> = {
  personal: 'personal',
  personally: 'personal',
  personalized: 'personaliz',
  personalize: 'personaliz',
  personalization: 'personaliz',
  university: 'university',
  universities: 'university',
  news: 'news',
  organization: 'organization',
  organizations: 'organization',
};
const numberWords: Readonly<Record<string, string>> = {
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  fifteen: '15',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  hundred: '100',
  thousand: '1000',
};

/**
 * Lower-case word tokens: apostrophes dropped inside words, letters and digits apart, "4.95" and "10:30" kept
 * whole, number words as digits ("four" → "4", so "four payments" meets "4 payments").
 */
export function knowledgeTokens(text: string): string[] {
  const tokens = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(apostrophes, '')
    .replace(thousands, '$1')
    .match(token);
  return (tokens ?? []).map((t) => numberWords[t] ?? t);
}

/**
 * The text analysis of a knowledge base: English stemming (Porter), stop words, British/American
 * spelling, and query-side synonym groups matched as phrases (longest first).
 *
 * @example
 * const analyzer = createKnowledgeAnalyzer();
 * analyzer.terms('Refunds are issued'); // ['refund', 'issu']
 * analyzer.concepts('money back on a swimsuit').map((c) => c.surface); // ['money back', 'swimsuit']
 */
export function createKnowledgeAnalyzer(options: Partial<KnowledgeAnalyzerOptions> = {}): KnowledgeAnalyzer {
  const { stopWords, synonyms, synonymWeight } = withDefaults(defaultKnowledgeAnalyzerOptions, options);
  const stems = new Map<string, string>();
  const stem = (word: string) => {
    let cached = stems.get(word);
    if (cached === undefined) {
      const spelled = americanSpelling(word);
      cached = stemOverrides[spelled] ?? stemmer(spelled);
      stems.set(word, cached);
    }
    return cached;
  };
  const contentTerms = (tokens: readonly string[]) => tokens.filter((t) => !stopWords.has(t)).map(stem);
  // A hyphenated compound is also indexed joined ("Wi-Fi" → "wifi", "e-books" → "ebooks"), as users often write it.
  const terms = (text: string) => {
    const words = contentTerms(knowledgeTokens(text));
    const compounds = text.normalize('NFKC').toLowerCase().match(hyphenated) ?? [];
    return compounds.length === 0 ? words : [...words, ...contentTerms(compounds.map((c) => c.replace(/-/g, '')))];
  };

  // Phrase key (stems of all its tokens, stop words included) → the groups it belongs to; and the
  // same for the key of its content words only, so that "bring it back" finds "bring back".
  const groupsOf = new Map<string, number[]>();
  const contentGroupsOf = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, g: number) => {
    const groups = map.get(key) ?? [];
    if (!groups.includes(g)) map.set(key, [...groups, g]);
  };
  const members = synonyms.map((group, g) =>
    group.map((phrase) => {
      const tokens = knowledgeTokens(phrase);
      const memberTerms = contentTerms(tokens);
      add(groupsOf, tokens.map(stem).join(' '), g);
      // A member with function words and one content word ("in store") is matched only as written,
      // and one that negates its content word ("at no cost") is never searched for by it.
      if (memberTerms.length === tokens.length || memberTerms.length >= 2)
        add(contentGroupsOf, memberTerms.join(' '), g);
      return memberTerms.length < 2 && tokens.some((t) => negations.has(t)) ? [] : memberTerms;
    }),
  );

  const concept = (surface: string[], groups: readonly number[]): QueryConcept => {
    const own = contentTerms(surface);
    const best = new Map<string, ConceptAlternative>();
    const offer = (alternativeTerms: string[], weight: number) => {
      if (alternativeTerms.length === 0) return;
      const id = alternativeTerms.join(' ');
      if ((best.get(id)?.weight ?? 0) < weight) best.set(id, { terms: alternativeTerms, weight });
    };
    offer(own, 1);
    for (const g of groups) for (const member of members[g]!) offer(member, synonymWeight);
    return { surface: surface.join(' '), own, alternatives: [...best.values()] };
  };

  /** The longest group phrase starting at token i: its end (exclusive) and groups, if any. */
  const matchPhrase = (
    tokens: string[],
    keys: string[],
    i: number,
  ): { end: number; groups: number[] } | undefined => {
    for (let length = Math.min(longestPhrase, tokens.length - i); length >= 2; length--) {
      const groups = groupsOf.get(keys.slice(i, i + length).join(' '));
      if (groups) return { end: i + length, groups };
    }
    if (stopWords.has(tokens[i]!)) return undefined;
    const content: number[] = [];
    for (
      let j = i;
      j < tokens.length && content.length < longestPhrase && j - (content.at(-1) ?? j) <= 3;
      j++
    ) {
      if (!stopWords.has(tokens[j]!)) content.push(j);
    }
    for (let length = content.length; length >= 1; length--) {
      const positions = content.slice(0, length);
      const groups = contentGroupsOf.get(positions.map((p) => keys[p]).join(' '));
      if (groups) return { end: positions.at(-1)! + 1, groups };
    }
    return undefined;
  };

  return {
    terms,
    concepts(question) {
      const tokens = knowledgeTokens(question);
      const keys = tokens.map(stem);
      const found = new Map<string, QueryConcept>();
      for (let i = 0; i < tokens.length; ) {
        const phrase = matchPhrase(tokens, keys, i);
        const end = phrase?.end ?? i + 1;
        const surface = tokens.slice(i, end);
        i = end;
        if (phrase === undefined && stopWords.has(surface[0]!)) continue;
        // Concepts in the same synonym groups ("how much", "cost") are one concept: the first mention's.
        const identity = phrase ? `groups:${phrase.groups.join(',')}` : keys[end - 1]!;
        if (!found.has(identity)) found.set(identity, concept(surface, phrase?.groups ?? []));
      }
      return [...found.values()].filter((c) => c.alternatives.length > 0);
    },
  };
}
