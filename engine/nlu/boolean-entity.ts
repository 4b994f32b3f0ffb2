import type { EntityExtractor } from './entity.ts';
import { createPhraseMatcher, type PhraseEntry } from './phrase-matcher.ts';

/** Splits a comma-separated phrase list. */
function phrases(list: string): string[] {
  return list
    .split(',')
    .map((phrase) => phrase.trim())
    .filter(Boolean);
}

/** Answers that mean yes. */
const yes = phrases(`
  yes, yeah, yea, yep, yup, ya, yah, yes please, sure, sure thing, for sure, ok, okay, okey, alright,
  all right, please do, go ahead, go for it, do it, do that, let's do it, let's do that, correct,
  that's correct, that's right, that is right, confirm, confirmed, i confirm, absolutely, of course,
  definitely, certainly, affirmative, indeed, exactly, sounds good, sounds great, why not, i agree,
  agreed, that's fine, fine by me, don't mind, i don't mind, i do, yes it is, yes do it,
  sí, si, sí por favor, si por favor, claro, claro que sí, claro que si, vale, de acuerdo, adelante, hazlo, dale,
  venga, correcto, es correcto, exacto, exactamente, por supuesto, perfecto, afirmativo, eso es, confirmo, me parece bien, está bien, esta bien
`);
/** Answers that mean no. */
const no = phrases(`
  no, nope, nah, naw, nay, don't, do not, stop, not now, not yet, cancel that, cancel it, negative,
  no thanks, no thank you, never mind, nevermind, not really, absolutely not, of course not,
  definitely not, certainly not, i don't think so, not at all, incorrect, that's wrong,
  that is wrong, that's not right, that is not right, that's not correct, not correct,
  that's incorrect, no way, please don't, don't do it, don't do that, i disagree, i'd rather not,
  rather not, not ok, not okay, no need, do not do it, i do not, i don't,
  no gracias, todavía no, todavia no, ahora no, mejor no, para nada, de ninguna manera, incorrecto,
  no es correcto, no está bien, no lo hagas, negativo, no quiero, nop, no hace falta
`);
/** Phrases that contain a yes or no word without being an answer; they are matched and dropped. */
const neither = phrases(`
  no problem, not a problem, no problemo, no worries, no doubt, not sure, make sure, no idea,
  don't know, do not know, i don't know, i do not know, don't care, i don't care, no matter, no one,
  no longer, no more, no rush, no hurry, yes or no, ok google, not only,
  no sé, no se, no lo sé, no lo se, no importa, no hay problema, sin problema, no pasa nada, no estoy seguro,
  no estoy segura, sí o no, si o no, si no, no me ha llegado, no ha llegado, no me llegó, no llega, no he recibido,
  no me gusta, no me gustó, no funciona, no me queda, no sé nada, no tengo
`);

/** A message that is nothing but one of these letters (and punctuation) is an answer. */
const singleLetter = /^\s*([yn])\s*[.!]*\s*$/i;
/** "no" that abbreviates "number" ("order no. 12345", "no 5") is not an answer. */
const numberAbbreviation = /^\.?\s*#?\d/;

/**
 * Extracts yes/no answers in English and Spanish: `true` for "yes", "sí", "vale", "yeah", "sure", "ok", "go ahead", "that's right",
 * "confirm", "of course", …; `false` for "no", "nope", "nah", "don't", "stop", "not now",
 * "cancel that", "no thanks", …; "y" and "n" only as a whole message. Longer phrases win
 * ("of course not" is false), and phrases that merely contain such words — "no problem",
 * "not sure", "don't know" — give nothing. Every answer in the message is returned, so
 * "no, the order number is 45210" yields false at 0–2 and the caller decides what to make of it.
 */
export function createBooleanEntityExtractor(entity: string): EntityExtractor {
  const entries: PhraseEntry<boolean | null>[] = [
    ...neither.map((phrase) => ({ phrase, value: null })),
    ...yes.map((phrase) => ({ phrase, value: true })),
    ...no.map((phrase) => ({ phrase, value: false })),
  ];
  const match = createPhraseMatcher(entries);
  return {
    extract(text) {
      const letter = singleLetter.exec(text);
      if (letter !== null) {
        const start = text.indexOf(letter[1]!);
        return [
          {
            entity,
            value: /y/i.test(letter[1]!),
            text: letter[1]!,
            start,
            end: start + 1,
            extractor: 'boolean',
          },
        ];
      }
      return match(text)
        .filter(
          ({ value, end }) =>
            value !== null && !(value === false && numberAbbreviation.test(text.slice(end))),
        )
        .map(({ start, end, value }) => ({
          entity,
          value: value === true,
          text: text.slice(start, end),
          start,
          end,
          extractor: 'boolean',
        }));
    },
  };
}
