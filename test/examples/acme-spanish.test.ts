import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../core/create-bot.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

let bot: Bot;

beforeAll(async () => {
  bot = (await loadAcme({ knowledge: false })).bot;
}, 120_000);
afterAll(async () => bot.close());

const spanish = () => scriptConversation(bot, { locale: 'es' });

describe('Acme demo in Spanish', () => {
  it('speaks both languages, each with its own classifier', () => {
    expect(bot.locales.supported).toEqual(['en', 'es']);
    expect(bot.languages.get('es')?.classifier.classify('¿dónde está mi pedido?').intent).toBe('order_status');
    expect(bot.languages.get('es')?.registry.examples()).not.toEqual(bot.registry.examples());
  });

  it('greets, and checks an order given as digits: asks for the "número de pedido", then the e-mail', async () => {
    await spanish()
      .user('buenas tardes')
      .expectReply(/^¡Hola! Soy el asistente de la tienda Acme/)
      .user('¿dónde está mi pedido?')
      .expectReply(/número de pedido/)
      .user('45210')
      .expectCommand('get_order_status', { order_id: '45210' })
      .expectReply(/He encontrado el pedido 45210.*correo electrónico/)
      .user('maria.garcia@example.com')
      .expectCommand('get_order_details', { order_id: '45210', email: 'maria.garcia@example.com' })
      .expectReply(/El pedido 45210 \(hecho el .*\) está entregado\. Se entregó el/)
      .run();
  });

  it('takes an order number spoken digit by digit in Spanish', async () => {
    await spanish()
      .user('quiero saber el estado de mi pedido')
      .expectReply(/número de pedido/)
      .user('cuatro cinco dos uno cero')
      .expectCommand('get_order_status', { order_id: '45210' })
      .run();
  });

  it('answers a store-hours question for a relative day ("mañana"), read against the turn\'s time', async () => {
    // 2026-12-05 is a Saturday: tomorrow is Sunday.
    const saturday = Date.UTC(2026, 11, 5, 12);
    const turn = (text: string) => ({ id: `${text}-${saturday}`, conversationId: 'es-relative-day', user: { id: 'u', verified: false }, channel: 'test', text, locale: 'es', timestamp: saturday });
    const result = await bot.handle(turn('¿abren mañana?'));
    const reply = result.events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])).join('\n');
    expect(reply).toBe('El domingo nuestra tienda de New York abre de 10:00–18:00.');
  });

  it('answers a store-hours question for a day named in Spanish', async () => {
    await spanish()
      .user('¿a qué hora abren el domingo?')
      .expectReply(/^El domingo nuestra tienda de New York abre de 10:00–18:00\.$/)
      .user('¿y el horario de la tienda de chicago?')
      .expectReply(/Chicago/)
      .run();
  });

  it('opens a return after a correction of the order number at the confirmation', async () => {
    await spanish()
      .user('quiero devolver algo')
      .expectReply(/¿De qué pedido es la devolución\?/)
      .user('45210')
      .expectReply(/^¿Por qué lo devuelves\?$/)
      .user('me queda pequeño')
      .expectReply(/Para confirmar: abro una devolución del pedido 45210 por el motivo «me queda pequeño»/)
      .user('no, perdona, el pedido es el 30112')
      .expectReply(/30112/)
      .user('sí')
      .expectReply(/correo electrónico/)
      .user('james.chen@example.org')
      .expectCommand('create_return', { order_id: '30112', reason: 'me queda pequeño', email: 'james.chen@example.org' })
      .expectReply(/^¡Hecho! La devolución .* del pedido 30112 está abierta/)
      .run();
  });

  it('says its own words in Spanish: fallback, help inside a form, cancel', async () => {
    await spanish()
      .user('quiero devolver algo')
      .expectReply(/número de pedido/)
      .user('ayuda')
      .expectReply(/Para abrir una devolución necesito/)
      .user('cancelar')
      .expectReply(/abrir una devolución/)
      .user('¿quién ganó el mundial de 1998?')
      .expectReply(/^(Perdona, no te he entendido|No he encontrado nada)/)
      .run();
  });
});
