import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'parley-cli-locale-'));

describe('parley chat --locale', () => {
  it('chats in Spanish: greeting, the order form asking for the "número de pedido", a help-article answer with a Spanish lead', async () => {
    const result = await runCli(['chat', '--bot', 'examples/acme', '--locale', 'es'], {
      input: 'hola\n¿cuánto cuesta devolver un pedido?\n¿dónde está mi pedido?\n45210\n',
      env: { PARLEY_DATA_DIR: dataDir() },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/> hola\nbot: ¡Hola! Soy el asistente de la tienda Acme/);
    expect(result.stdout).toMatch(/> ¿dónde está mi pedido\?\nbot: ¿Cuál es tu número de pedido\?/);
    expect(result.stdout).toMatch(/> 45210\nbot: He encontrado el pedido 45210/);
    expect(result.stdout).toMatch(/> ¿cuánto cuesta devolver un pedido\?\nbot: Esto es lo que dicen nuestras condiciones \(en inglés\):\n\n/);
    expect(result.stdout).toMatch(/a flat fee of \$4\.95[\s\S]*Source: returns-and-refunds\.md/);
  }, 120_000);

  it('reads the language from what is typed without --locale, and follows a switch', async () => {
    const result = await runCli(['chat', '--bot', 'examples/acme'], {
      input: 'buenos días\nwhat are your opening hours on sunday?\n',
      env: { PARLEY_DATA_DIR: dataDir() },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/> buenos días\nbot: ¡Hola!/);
    expect(result.stdout).toMatch(/> what are your opening hours on sunday\?\nbot: On Sunday our New York store is open/);
  }, 120_000);

  it('refuses a --locale that is not a language tag, in one line', async () => {
    const result = await runCli(['chat', '--bot', 'examples/acme', '--locale', 'spanish please']);
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^parley: invalid config "--locale": expected a language tag such as es or en-GB, got "spanish please"\n$/);
  });
});

describe('parley eval --locale', () => {
  it('scores Spanish lines in Spanish', async () => {
    const dir = dataDir();
    const file = join(dir, 'es.jsonl');
    const lines = [
      { text: '¿a qué hora cierran los sábados?', intent: 'store_hours' },
      { text: 'mi paquete no ha llegado, pedido 30112', intent: 'order_status', command: 'get_order_status', args: { order_id: '30112' } },
      { text: 'escríbeme un poema sobre el mar', intent: null },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const result = await runCli(['eval', '--bot', 'examples/acme', '--locale', 'es', '--data', file], { env: { PARLEY_DATA_DIR: dir } });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(report).toMatchObject({ n: 3, intent_n: 2, intent_accuracy: 1, oos_n: 1, oos_recall: 1, command_n: 1, command_accuracy: 1 });
  }, 120_000);
});
