import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultDialogueMessages } from '../../../core/contracts/dialogue-messages.ts';
import { schemaIssueReason } from '../../../core/dialogue/schema-issue-reason.ts';
import { validateSlot } from '../../../core/dialogue/validate-slot.ts';
import { spanishDialogueMessages } from '../../../core/spanish-dialogue-messages.ts';
import type { StandardSchemaV1 } from '@standard-schema/spec';

const firstIssue = (schema: StandardSchemaV1, value: unknown) => {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise || !result.issues) throw new Error('expected a synchronous refusal');
  return result.issues[0];
};
const reason = (schema: StandardSchemaV1, value: unknown, label = 'number of people', messages = defaultDialogueMessages) =>
  schemaIssueReason(firstIssue(schema, value), label, messages);

describe('schemaIssueReason', () => {
  it("says a number's limits in words instead of zod's developer wording", () => {
    expect(reason(z.number().int().min(1).max(4), 5)).toBe('The number of people can be at most 4.');
    expect(reason(z.number().int().min(1).max(4), 0)).toBe('The number of people must be at least 1.');
    expect(reason(z.number().lt(10), 12)).toBe('The number of people must be less than 10.');
    expect(reason(z.number().positive(), -2)).toBe('The number of people must be more than 0.');
    expect(reason(z.number().max(4), 9, 'número de personas', spanishDialogueMessages)).toBe('El número de personas puede ser como máximo 4.');
  });

  it("keeps a message the schema's author wrote, and hides patterns and types behind 'not valid'", () => {
    expect(reason(z.string().regex(/^\d{5}$/, 'A postcode has 5 digits.'), 'abc', 'postcode')).toBe('A postcode has 5 digits.');
    expect(reason(z.number().max(4, 'Rooms hold four.'), 6)).toBe('Rooms hold four.');
    expect(reason(z.string().regex(/^\d{5}$/), 'abc', 'postcode')).toBe("That doesn't look like a valid postcode.");
    expect(reason(z.email(), 'not-an-address', 'e-mail address')).toBe("That doesn't look like a valid e-mail address.");
    expect(reason(z.enum(['a', 'b']), 'c', 'plan', spanishDialogueMessages)).toBe('Eso no parece un plan válido.');
  });

  it('is what validateSlot answers when a slot has no invalidMessage of its own', () => {
    const slot = { prompt: 'For how many people?', schema: z.number().int().min(1).max(4), label: 'number of people' };
    expect(validateSlot('people', slot, 7)).toEqual({ ok: false, reason: 'The number of people can be at most 4.' });
    expect(validateSlot('people', { ...slot, invalidMessage: 'One to four people.' }, 7)).toEqual({ ok: false, reason: 'One to four people.' });
    expect(validateSlot('people', slot, 3)).toEqual({ ok: true, value: 3 });
  });
});
