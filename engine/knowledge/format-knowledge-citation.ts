import type { KnowledgeHit } from './knowledge-base.ts';

/**
 * The source line a knowledge answer ends with: the document and the headings of the passage.
 *
 * @example
 * formatKnowledgeCitation({ file: 'returns.md', headingPath: ['Returns', 'Return window'] })
 * // "Source: returns.md › Returns › Return window"
 */
export function formatKnowledgeCitation(hit: Pick<KnowledgeHit, 'file' | 'headingPath'>): string {
  return [`Source: ${hit.file}`, ...hit.headingPath].join(' › ');
}
