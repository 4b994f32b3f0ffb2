import type { ConversationReference as BotFrameworkReference } from 'botbuilder';

/**
 * Where each conversation was last reached (service URL, conversation, bot and user ids), kept from its latest
 * activity so proactive messages can reach it. Held in memory, newest `limit` conversations; a conversation
 * whose reference is gone is reachable again after its user writes.
 */
export class ConversationReferences {
  private readonly byConversation = new Map<string, Partial<BotFrameworkReference>>();

  constructor(private readonly limit: number) {}

  remember(conversationId: string, reference: Partial<BotFrameworkReference>): void {
    this.byConversation.delete(conversationId);
    this.byConversation.set(conversationId, reference);
    if (this.byConversation.size > this.limit) {
      const oldest = this.byConversation.keys().next().value;
      if (oldest !== undefined) this.byConversation.delete(oldest);
    }
  }

  get(conversationId: string): Partial<BotFrameworkReference> | undefined {
    return this.byConversation.get(conversationId);
  }
}
