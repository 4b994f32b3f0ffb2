import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParleyServer, type ParleyServer } from '../../../channels/http/create-parley-server.ts';
import type { VoiceAudio, VoiceDone } from '../../../channels/voice/voice-protocol.ts';
import type { SessionInfo } from '../../../channels/web/protocol.ts';
import type { ConversationStore } from '../../../core/contracts/conversation-store.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../../core/stores/memory-store.ts';
import { createLinearIntentTrainer } from '../../../engine/nlu/linear-intent-trainer.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { abstainingClassifier } from '../../support/abstaining-classifier.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { scriptedLanguageModel } from '../../support/scripted-language-model.ts';

/** The user's words the classifier leaves to the model, which answers at length and then looks the order up. */
const vague = 'track 45210';
const longAnswer = ['Let me see. ', 'I am looking ', 'through our records ', 'for your recent orders. ', 'This can take ', 'a little while. ', 'Thank you for ', 'waiting with me. ', 'Almost there. '];

let acme: LoadedBot;
let store: ConversationStore;
let server: ParleyServer;
let url: string;

beforeAll(async () => {
  const base = await loadAcme({ knowledge: false });
  const examples = base.bot.registry.examples();
  await base.bot.close();
  const classifier = abstainingClassifier(await createLinearIntentTrainer().train(examples), [vague]);
  const scripted = scriptedLanguageModel((options) =>
    options.messages.at(-1)?.content === vague ? { chunks: longAnswer, delayMs: 250, calls: [{ name: 'get_order_status', arguments: { order_id: '45210' } }] } : {},
  );
  store = createMemoryStore();
  acme = await loadAcme({ model: scripted.model, classifier, dataDir: base.dataDir, knowledge: false, conversationStore: store });
  server = createParleyServer({ bot: acme.bot, botName: 'Acme', log: pino({ level: 'silent' }), voice: { store } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.web?.stop();
  await new Promise((resolve) => server.close(resolve));
  await acme.bot.close();
});

/** Resolves once `check` holds, or after `ms` (the assertions that follow then say what went wrong). */
async function settle(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until && !(await check()); ) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The stored outcome of a turn: its status and the commands it started. */
async function outcomeOf(conversationId: string, turnId: string) {
  const found = await store.findTurn(conversationId, turnId);
  if (found.status !== 'done') return { status: found.status, commands: [] };
  return { status: found.result.status, commands: found.result.events.flatMap((e) => (e.type === 'command-start' ? [e.name] : [])) };
}

const botLines = async (conversationId: string, turnId: string) =>
  (await acme.bot.history(conversationId)).filter((h) => h.role === 'bot' && h.turnId === turnId).map((h) => h.text);

function stream(socket: Socket, id: string, text: string) {
  const { samples } = spokenAudio(text);
  socket.emit('voice-start', { id, sampleRate: 16_000 });
  for (let at = 0; at < samples.length; at += 4000) socket.emit('voice-chunk', { id, audio: Buffer.from(samples.slice(at, at + 4000).buffer) });
  socket.emit('voice-end', { id });
}

describe('interrupting a spoken answer', { timeout: 60_000 }, () => {
  it('stops synthesis, never runs the command the answer was leading to, and says what had been spoken', async () => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const session = await new Promise<SessionInfo>((resolve) => socket.once('session', resolve));
    const audio: VoiceAudio[] = [];
    const done: VoiceDone[] = [];
    const order: string[] = [];
    socket.on('voice-done', (d: VoiceDone) => {
      done.push(d);
      order.push(`done:${d.id}`);
    });
    let interruptedAt = -1;
    socket.on('voice-audio', (a: VoiceAudio) => {
      audio.push(a);
      order.push(`audio:${a.id}`);
      if (a.id !== 'long' || interruptedAt >= 0) return;
      // Barge-in on the first sentence: stop the speech, then say something else.
      interruptedAt = audio.length;
      socket.emit('interrupt', { playedMs: 500 });
      stream(socket, 'barge-in', 'cancel');
    });
    stream(socket, 'long', 'track four five two one zero');
    await new Promise<void>((resolve) => {
      const check = () => (done.some((d) => d.id === 'barge-in') ? resolve() : setTimeout(check, 100));
      check();
    });
    // Let the superseded generation's remaining pieces come and go.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    socket.close();

    const long = done.find((d) => d.id === 'long');
    expect(long?.status).toBe('interrupted');
    expect(long?.spokenText).toMatch(/^Let/);
    expect(longAnswer.join('')).toContain(long!.spokenText!.split(' ').slice(0, 2).join(' '));
    // Nothing of the interrupted answer is sent once the server has stopped it.
    expect(order.slice(order.indexOf('done:long')).filter((e) => e === 'audio:long')).toEqual([]);
    expect(interruptedAt).toBeGreaterThan(0);
    const history = (await acme.bot.history(session.conversationId)).map((h) => h.text).join('\n');
    // The lookup the answer was leading to never ran: its result would name the order.
    expect(history).toMatch(/^track 45210$/m);
    expect(history).not.toMatch(/found order 45210/);
    expect(history).toMatch(/^cancel$/m);
    // The interrupted reply is stored as far as it was heard, not as it was generated.
    await settle(async () => (await botLines(session.conversationId, 'long')).join() === long!.spokenText);
    expect(await botLines(session.conversationId, 'long')).toEqual([long!.spokenText]);
    expect(await outcomeOf(session.conversationId, 'long')).toEqual({ status: 'superseded', commands: [] });
  });

  it('aborts the turn on an interrupt alone: the pending command never runs and the history keeps what was heard', async () => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const session = await new Promise<SessionInfo>((resolve) => socket.once('session', resolve));
    const done: VoiceDone[] = [];
    socket.on('voice-done', (d: VoiceDone) => done.push(d));
    let interrupted = false;
    socket.on('voice-audio', () => {
      if (interrupted) return;
      interrupted = true;
      socket.emit('interrupt', { playedMs: 700 });
    });
    stream(socket, 'alone', 'track four five two one zero');
    await settle(async () => done.length > 0);
    const spoken = done[0]?.spokenText;
    expect(done[0]).toMatchObject({ id: 'alone', status: 'interrupted' });
    expect(spoken).toMatch(/^Let/);
    // The aborted turn is stored (superseded) once its generation stops; the revision follows.
    await settle(async () => (await botLines(session.conversationId, 'alone')).join() === spoken);
    // Longer than the rest of the answer and its lookup would take, had the turn gone on.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    socket.close();
    const history = await acme.bot.history(session.conversationId);
    expect(history.map((h) => [h.role, h.text])).toEqual([
      ['user', 'track 45210'],
      ['bot', spoken],
    ]);
    expect(longAnswer.join('')).not.toBe(spoken);
    expect(await outcomeOf(session.conversationId, 'alone')).toEqual({ status: 'superseded', commands: [] });
  });
});
