export type { KnowledgeBase, KnowledgeHit, KnowledgeRefreshResult } from './knowledge-base.ts';
export type { KnowledgeChunk } from './knowledge-chunk.ts';
export {
  type ChunkDocumentOptions,
  chunkDocument,
  type DocumentFormat,
  defaultChunkDocumentOptions,
  documentFormatOf,
  knowledgeFileFormats,
} from './chunk-document.ts';
export {
  createFolderKnowledgeBase,
  defaultFolderKnowledgeBaseOptions,
  type FolderKnowledgeBase,
  type FolderKnowledgeBaseOptions,
} from './folder-knowledge-base.ts';
export {
  createMemoryKnowledgeBase,
  type KnowledgeDocument,
  type MemoryKnowledgeBaseOptions,
} from './memory-knowledge-base.ts';
export {
  createKnowledgeIndex,
  defaultKnowledgeIndexOptions,
  type KnowledgeIndex,
  type KnowledgeIndexOptions,
  type SerializedKnowledgeIndex,
} from './knowledge-index.ts';
export {
  type ConceptAlternative,
  createKnowledgeAnalyzer,
  defaultKnowledgeAnalyzerOptions,
  type KnowledgeAnalyzer,
  type KnowledgeAnalyzerOptions,
  type QueryConcept,
} from './knowledge-analyzer.ts';
export { defaultKnowledgeRelevanceOptions, type KnowledgeRelevanceOptions } from './knowledge-relevance.ts';
export { defaultKnowledgeSynonyms } from './default-knowledge-synonyms.ts';
export { englishStopWords } from './english-stop-words.ts';
export {
  defaultSelectAnswerPassageOptions,
  isPlausibleKnowledgeHit,
  type KnowledgeAnswer,
  type SelectAnswerPassageOptions,
  selectAnswerPassage,
} from './answer-passage.ts';
export { formatKnowledgeCitation } from './format-knowledge-citation.ts';
export {
  defaultFormatKnowledgeContextOptions,
  type FormatKnowledgeContextOptions,
  formatKnowledgeContext,
} from './format-knowledge-context.ts';
export type { SentenceEncoder } from './sentence-encoder.ts';
export {
  defaultRerankWithEncoderOptions,
  type RerankWithEncoderOptions,
  rerankWithEncoder,
} from './rerank-with-encoder.ts';
export {
  type EvaluateKnowledgeRetrievalOptions,
  evaluateKnowledgeRetrieval,
  type KnowledgeRetrievalMiss,
  type KnowledgeRetrievalReport,
} from './evaluate-knowledge-retrieval.ts';
export {
  type KnowledgeEvalLine,
  type ParseKnowledgeEvalLinesOptions,
  parseKnowledgeEvalLines,
} from './knowledge-eval-line.ts';
export {
  createSifSentenceEncoder,
  defaultSifSentenceEncoderOptions,
  type SifSentenceEncoder,
  type SifSentenceEncoderOptions,
} from './sif-sentence-encoder.ts';
export {
  createOnnxSentenceEncoder,
  type OnnxRuntime,
  type OnnxSentenceEncoderOptions,
} from './onnx-sentence-encoder.ts';
export { loadWordPieceTokenizer, type WordPieceTokenizer, type WordPieceTokenizerOptions } from './word-piece-tokenizer.ts';
export { createDenseIndex, type DenseIndex, type DenseIndexOptions, type DenseMatch, type SerializedDenseIndex } from './dense-index.ts';
export { defaultHybridSearchOptions, fuseKnowledgeHits, type HybridSearchOptions, promoteLeadSection } from './hybrid-search.ts';
export {
  type AlignmentRerankOptions,
  alignmentScore,
  defaultAlignmentRerankOptions,
  type RerankByAlignmentInput,
  rerankByAlignment,
  sectionHeadings,
} from './rerank-by-alignment.ts';
export {
  type AlignedText,
  type AlignedWord,
  type ConceptCredit,
  conceptWeights,
  createWordAligner,
  defaultWordAlignerOptions,
  type TermDocuments,
  termDocuments,
  type WordAligner,
  type WordAlignerOptions,
} from './word-alignment.ts';
export { createHybridRetriever, type HybridRetriever, type HybridRetrieverOptions } from './hybrid-retriever.ts';
export { reciprocalRankFusion, type ReciprocalRankFusionOptions } from './reciprocal-rank-fusion.ts';
export { type AnswerKindCue, answerKindCues, chooseLeadSentence, type ChooseLeadSentenceInput } from './choose-lead-sentence.ts';
export type { FolderWatch, FolderWatcher } from './watch-folder.ts';
export { watchFolderWithFs } from './watch-folder.ts';
export { KnowledgeDocumentError } from './knowledge-document-error.ts';
export { KnowledgeIndexError } from './knowledge-index-error.ts';
export { SentenceEncoderError } from './sentence-encoder-error.ts';
export {
  createTrainedSentenceEncoder,
  type FloatOnnxRuntime,
  hasTrainedSentenceEncoder,
  type TrainedSentenceEncoderOptions,
  trainedSentenceEncoderPath,
} from './trained-sentence-encoder.ts';
export { concatenateSentenceEncoders } from './concatenated-sentence-encoder.ts';
