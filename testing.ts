export { type ConversationScriptOptions, type ScriptedTurn, scriptConversation } from './skills/testing/conversation-script.ts';
export { type CreateTestBotOptions, createTestBot, type TestBot } from './core/testing/create-test-bot.ts';
