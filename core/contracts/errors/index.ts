export { ConfigError } from './config-error.ts';
export { ConversationConflictError } from './conversation-conflict-error.ts';
export { InputError } from './input-error.ts';
export { isParleyError, ParleyError, type ParleyErrorOptions } from './parley-error.ts';
export { LeaseLostError } from './lease-lost-error.ts';
export { StoreClosedError } from './store-closed-error.ts';
export { isStoreUnavailable, StoreUnavailableError } from './store-unavailable-error.ts';
