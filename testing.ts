export { type ConversationScriptOptions, type ScriptedTurn, scriptConversation } from './skills/testing/conversation-script.ts';
