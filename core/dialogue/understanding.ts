import type { ExtractedEntity } from '../../engine/nlu/entity.ts';
import type { IntentPrediction } from '../../engine/nlu/intent-classifier.ts';

/** A passage from the bot's knowledge base that answers the turn, as quoted data. */
export interface KnowledgeReading {
  /** The quoted passage. */
  text: string;
  /** "Source: <file> › <heading>". */
  citation: string;
  /** The passage's sentence that answers (what a voice reply speaks); default `text`. */
  lead?: string;
  /** The section alone, without the lead sentence above it; default `text`. */
  passage?: string;
  /** How much of the question's rarer words the passage matched (the search hit's `evidence`; 1 ≈ one rare word). */
  evidence?: number;
  /**
   * Found only by the looser test a recognised knowledge question gets: the nearest passage, which may not answer
   * exactly what was asked, so the reply says so.
   */
  tentative?: boolean;
  /** The section's own heading (the last of its heading path): "Lost gift cards". */
  heading?: string;
}

/** What understanding read in one user turn. */
export interface Understanding {
  text: string;
  /** The turn's locale (BCP 47), so that language cues such as what makes a question are that language's. */
  locale?: string;
  prediction: IntentPrediction;
  entities: ExtractedEntity[];
  /**
   * Present when the bot has a knowledge base: the passage that answers the turn, or null when the
   * knowledge base has nothing relevant.
   */
  knowledge?: KnowledgeReading | null;
  /**
   * The same with a looser relevance test, for a question the classifier already recognised as a knowledge
   * intent (the intent is evidence that the documents are the right place to look).
   */
  knowledgeForIntent?: KnowledgeReading | null;
  /**
   * When the message makes several requests ("where is my order 12345 and what are your opening hours?"), what was
   * read in each, in order (see `splitRequests`); absent for a message with one request.
   */
  requests?: Understanding[];
  /** How long understanding took, in milliseconds. */
  durationMs?: number;
}
