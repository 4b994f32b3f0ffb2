import type { SerializedSequenceTagger } from './serialized-sequence-tagger.ts';
import type { AnnotatedExample } from './annotated-example.ts';

/** A span the tagger found: which entity, where (`end` exclusive) and the text it covers. */
export interface TaggedSpan {
  entity: string;
  start: number;
  end: number;
  text: string;
}

/** Finds learned entity spans in new text. */
export interface SequenceTagger {
  /** The entity names it was trained on. */
  readonly entities: readonly string[];
  tag(text: string): TaggedSpan[];
  /** The trained tagger as JSON, which `loadSequenceTagger` turns back into the same tagger (for caching it). */
  serialize(): SerializedSequenceTagger;
}

/** Trains a {@link SequenceTagger} from annotated examples. */
export type SequenceTaggerTrainer = (examples: readonly AnnotatedExample[]) => SequenceTagger;
