import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALOGUE_CONTEXT_VERSION } from '../../core/dialogue/dialogue-context.ts';
import { restoreDialogue } from '../../core/dialogue/restore-dialogue.ts';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../core/stores/memory-store.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

const v1 = JSON.parse(readFileSync('test/fixtures/dialogue-v1-snapshot.json', 'utf8'));

describe('restoring stored dialogues', () => {
  it('migrates a version-1 snapshot to the current layout', () => {
    const restored = restoreDialogue(v1.dialogue);
    expect(restored.status).toBe('migrated');
    expect(restored.context.version).toBe(DIALOGUE_CONTEXT_VERSION);
    expect(restored.context.stack).toEqual([
      { flow: 'return_item', step: 1, slots: { order_id: '45210' }, results: {}, confirmed: [], attempts: 0 },
    ]);
    expect(restored.context.pending).toEqual({ kind: 'slot', flow: 'return_item', slot: 'reason' });
  });

  it('resets, with the reason, what it cannot read', () => {
    expect(restoreDialogue({ version: 99, value: 'listening', context: {} })).toMatchObject({
      status: 'reset',
      reason: expect.stringMatching(/version 99/),
    });
    expect(restoreDialogue({ version: DIALOGUE_CONTEXT_VERSION, value: 'dancing', context: {} })).toMatchObject({
      status: 'reset',
      reason: expect.stringMatching(/dancing/),
    });
    expect(restoreDialogue('garbage')).toMatchObject({ status: 'reset' });
  });
});

describe('a bot given stored snapshots of other versions', () => {
  const store = createMemoryStore();
  let loaded: LoadedBot;
  beforeAll(async () => {
    loaded = await loadAcme({ conversationStore: store });
  });
  afterAll(async () => loaded.bot.close());

  it('continues a conversation stored by the version-1 machine where it was', async () => {
    await store.save('old-conversation', v1, 0);
    await scriptConversation(loaded.bot, { conversationId: 'old-conversation' })
      .user('the zipper is broken')
      .expectReply(/open a return for order 45210 because "the zipper is broken"/)
      .run();
    const history = await loaded.bot.history('old-conversation');
    expect(history[0]?.text).toBe('I want to return order 45210');
  });

  it('tells the user and starts fresh when a snapshot cannot be restored, keeping the transcript', async () => {
    await store.save('future', { ...v1, dialogue: { version: 42, value: 'listening', context: {} } }, 0);
    const [turn] = await scriptConversation(loaded.bot, { conversationId: 'future' })
      .user('hello')
      .expectReply(/starting fresh/)
      .expectReply(/Acme store assistant/)
      .run();
    expect(turn?.result.status).toBe('completed');
    expect((await loaded.bot.history('future')).length).toBe(5);
  });
});
