import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';
import { describeKnowledgeBaseContract } from './knowledge-base-contract.ts';

describeKnowledgeBaseContract('memory', async (documents) => createMemoryKnowledgeBase({ documents }));
