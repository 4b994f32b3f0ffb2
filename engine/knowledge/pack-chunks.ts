import type { KnowledgeChunk } from './knowledge-chunk.ts';
import type { DocumentBlock } from './parsed-document.ts';
import { splitSentences } from './split-sentences.ts';

/** What {@link packChunks} cuts. */
export interface PackChunksInput {
  file: string;
  title: string;
  blocks: readonly DocumentBlock[];
  /** Longest chunk text in characters; longer sections are cut between blocks, then sentences. */
  maxChunkChars: number;
}

/** Cuts a text longer than `max` into pieces at sentence ends (at spaces for an overlong sentence). */
function cutText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const words = (sentence: string) => sentence.split(' ');
  for (const sentence of splitSentences(text)) {
    const parts = sentence.length <= max ? [sentence] : words(sentence);
    for (const part of parts) {
      const joined = current === '' ? part : `${current} ${part}`;
      if (joined.length <= max || current === '') current = joined;
      else {
        pieces.push(current);
        current = part;
      }
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/**
 * Groups consecutive blocks under the same headings into chunks of at most `maxChunkChars`, one
 * section per chunk when it fits. Offsets of a piece cut out of one long block are the block's.
 */
export function packChunks(input: PackChunksInput): KnowledgeChunk[] {
  const { file, title, blocks, maxChunkChars } = input;
  const chunks: KnowledgeChunk[] = [];
  let open: Omit<KnowledgeChunk, 'id'> | undefined;
  let openKey = '';
  const close = () => {
    if (open) chunks.push({ id: `${file}#${chunks.length}`, ...open });
    open = undefined;
  };
  for (const block of blocks) {
    const key = JSON.stringify(block.headingPath);
    const pieces = block.text.length <= maxChunkChars ? [block.text] : cutText(block.text, maxChunkChars);
    for (const piece of pieces) {
      if (open && openKey === key && open.text.length + 1 + piece.length <= maxChunkChars) {
        open.text += `\n${piece}`;
        open.end = block.end;
        continue;
      }
      close();
      open = {
        file,
        title,
        headingPath: [...block.headingPath],
        text: piece,
        start: block.start,
        end: block.end,
      };
      openKey = key;
    }
  }
  close();
  return chunks;
}
