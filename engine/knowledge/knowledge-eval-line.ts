import { InputError } from '../../core/contracts/errors/input-error.ts';

/** One line of a knowledge evaluation set (JSONL). */
export interface KnowledgeEvalLine {
  /** Asked as the first turn of a fresh conversation. */
  question: string;
  /** The document that answers it: a file name (or relative path) within the knowledge folder. */
  doc: string;
  /** A correct reply contains one of these, compared case-insensitively. */
  answer_contains: string[];
}

/** Options of {@link parseKnowledgeEvalLines}. */
export interface ParseKnowledgeEvalLinesOptions {
  /** The JSONL text; blank lines are skipped. */
  text: string;
  /** Named in errors, e.g. the file path. Default "knowledge eval data". */
  source?: string;
}

/**
 * Parses a knowledge evaluation set, one `{"question", "doc", "answer_contains": [...]}` per line.
 * Throws `InputError` naming the line for malformed JSON or a missing or mistyped field.
 */
export function parseKnowledgeEvalLines(options: ParseKnowledgeEvalLinesOptions): KnowledgeEvalLine[] {
  const source = options.source ?? 'knowledge eval data';
  const lines: KnowledgeEvalLine[] = [];
  options.text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `${source} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InputError(where, `not JSON (${(error as Error).message})`);
    }
    const line = value as Partial<KnowledgeEvalLine>;
    if (typeof line.question !== 'string' || line.question.trim() === '')
      throw new InputError(`${where}: question`, 'a non-empty string is required');
    if (typeof line.doc !== 'string' || line.doc.trim() === '')
      throw new InputError(`${where}: doc`, 'a file name is required');
    const answers = line.answer_contains;
    if (
      !Array.isArray(answers) ||
      answers.length === 0 ||
      !answers.every((a) => typeof a === 'string' && a !== '')
    ) {
      throw new InputError(`${where}: answer_contains`, 'a non-empty array of non-empty strings is required');
    }
    lines.push({ question: line.question, doc: line.doc, answer_contains: answers });
  });
  return lines;
}
