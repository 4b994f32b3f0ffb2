export { type ByteLevelVocabularyOptions, createByteLevelVocabulary } from './byte-level-vocabulary.ts';
export { ConstraintDeadEndError } from './constraint-dead-end-error.ts';
export { ConstraintViolationError } from './constraint-violation-error.ts';
export { createJsonSchemaConstraint } from './create-json-schema-constraint.ts';
export {
  createToolCallConstraint,
  defaultToolCallConstraintOptions,
  type ToolCallConstraintOptions,
} from './create-tool-call-constraint.ts';
export { defaultJsonConstraintOptions, type JsonConstraintOptions } from './json-constraint-options.ts';
export { createJsonSchemaMatcher, type JsonSchemaMatcher } from './json-schema-matcher.ts';
export { UnsupportedPatternError } from './unsupported-pattern-error.ts';
export { UnsupportedSchemaError } from './unsupported-schema-error.ts';
