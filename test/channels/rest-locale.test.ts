import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { loadAcme } from '../support/load-acme.ts';
import { testAuthorization } from '../support/security-api-key.ts';
import { type SecurityServer, startSecurityServer } from '../support/security-server.ts';

let loaded: LoadedBot;
let web: SecurityServer;

beforeAll(async () => {
  loaded = await loadAcme({ knowledge: false });
  web = await startSecurityServer(loaded.bot, { logLevel: 'warn' });
}, 120_000);
afterAll(async () => {
  await web.close();
  await loaded.bot.close();
});

/** Sends one message over REST and returns the reply's text. */
async function say(conversation: string, text: string, locale?: string): Promise<string> {
  const response = await fetch(`${web.url}/api/conversations/${conversation}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...testAuthorization },
    body: JSON.stringify({ text, ...(locale ? { locale } : {}) }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { reply: string };
  return body.reply;
}

describe('REST: the conversation language', () => {
  it('replies in Spanish to "locale": "es" (and "es-MX"), through the whole order form', async () => {
    expect(await say('rest-es', 'buenas tardes', 'es')).toMatch(/^¡Hola! Soy el asistente de la tienda Acme/);
    expect(await say('rest-es', '¿dónde está mi pedido?', 'es')).toMatch(/¿Cuál es tu número de pedido\?/);
    expect(await say('rest-es', '12345', 'es-MX')).toMatch(/He encontrado el pedido 12345/);
  });

  it("lets the channel's locale win over the language of the text", async () => {
    expect(await say('rest-channel-en', 'hola', 'en')).toMatch(/^Hi! I'm the Acme store assistant/);
    // The Spanish classifier does not read English: the channel's Spanish still decides the language of the reply.
    expect(await say('rest-channel-es', 'where is my order', 'es')).toMatch(/^Perdona, no te he entendido/);
  });

  it('reads the language from the text when the channel gives none, and keeps it for messages that say nothing', async () => {
    expect(await say('rest-detect', '¿dónde está mi pedido?')).toMatch(/número de pedido/);
    expect(await say('rest-detect', '45210')).toMatch(/He encontrado el pedido 45210/);
    expect(await say('rest-detect', 'maria.garcia@example.com')).toMatch(/^El pedido 45210/);
  });

  it('switches when the user clearly switches mid-conversation, and back', async () => {
    expect(await say('rest-switch', 'hola, quiero saber dónde está mi pedido')).toMatch(/número de pedido/);
    expect(await say('rest-switch', 'sorry, can we do this in English? what are your opening hours on sunday')).toMatch(/On Sunday our New York store is open/);
    expect(await say('rest-switch', 'thanks')).toMatch(/^You're welcome/);
    expect(await say('rest-switch', '¿y cuánto cuesta el envío?')).toMatch(/^Enviamos dentro de Estados Unidos/);
  });

  it('reads the text when the channel names a language the bot does not speak', async () => {
    expect(await say('rest-fr', 'where is my order', 'fr')).toMatch(/What's your order number\?/);
  });
});
