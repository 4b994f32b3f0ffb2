export { type ByteLevelVocabularyOptions, createByteLevelVocabulary } from './byte-level-vocabulary.ts';
export { compileSchema } from './compile-schema.ts';
export { ConstraintDeadEndError } from './constraint-dead-end-error.ts';
export { ConstraintViolationError } from './constraint-violation-error.ts';
export { createJsonSchemaConstraint } from './create-json-schema-constraint.ts';
export {
  createToolCallConstraint,
  defaultToolCallConstraintOptions,
  type ToolCallConstraintOptions,
  toolCallSchema,
} from './create-tool-call-constraint.ts';
export { compileGrammar, type Grammar, type GrammarPart } from './grammar.ts';
export { GrammarConstraint } from './grammar-constraint.ts';
export { defaultJsonConstraintOptions, type JsonConstraintOptions } from './json-constraint-options.ts';
export { createJsonSchemaMatcher, type JsonSchemaMatcher } from './json-schema-matcher.ts';
export { compilePattern } from './pattern/compile-pattern.ts';
export type { PatternDfa } from './pattern/pattern-dfa.ts';
export { UnsupportedPatternError } from './unsupported-pattern-error.ts';
export { UnsupportedSchemaError } from './unsupported-schema-error.ts';
