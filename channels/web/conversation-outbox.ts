/**
 * Runs asynchronous sends one after another per conversation, so the parts of a paced reply and the turns
 * after it reach the browser in order while other conversations proceed in parallel.
 */
export interface ConversationOutbox {
  /** Queues `task` behind the conversation's earlier tasks; resolves when it has run (never rejects). */
  run(conversationId: string, task: () => Promise<void> | void): Promise<void>;
  /** Resolves when every queued task has run. */
  drain(): Promise<void>;
}

/** Creates a {@link ConversationOutbox}; `onError` hears a task that threw (the queue goes on). */
export function createConversationOutbox(
  onError: (error: unknown, conversationId: string) => void,
): ConversationOutbox {
  const tails = new Map<string, Promise<void>>();
  return {
    run(conversationId, task) {
      const previous = tails.get(conversationId) ?? Promise.resolve();
      const next = previous
        .then(task)
        .catch((error: unknown) => onError(error, conversationId))
        .finally(() => {
          if (tails.get(conversationId) === next) tails.delete(conversationId);
        });
      tails.set(conversationId, next);
      return next;
    },
    async drain() {
      while (tails.size > 0) await Promise.all(tails.values());
    },
  };
}
