const words: Readonly<Record<string, string>> = {
  colour: 'color',
  colours: 'colors',
  coloured: 'colored',
  favour: 'favor',
  favourite: 'favorite',
  behaviour: 'behavior',
  honour: 'honor',
  labour: 'labor',
  neighbour: 'neighbor',
  flavour: 'flavor',
  humour: 'humor',
  odour: 'odor',
  centre: 'center',
  centres: 'centers',
  metre: 'meter',
  metres: 'meters',
  litre: 'liter',
  litres: 'liters',
  fibre: 'fiber',
  theatre: 'theater',
  cheque: 'check',
  cheques: 'checks',
  instalment: 'installment',
  instalments: 'installments',
  catalogue: 'catalog',
  catalogues: 'catalogs',
  programme: 'program',
  jewellery: 'jewelry',
  grey: 'gray',
  tyre: 'tire',
  tyres: 'tires',
  licence: 'license',
  defence: 'defense',
  offence: 'offense',
  practise: 'practice',
  enrol: 'enroll',
  fulfil: 'fulfill',
  aluminium: 'aluminum',
  mould: 'mold',
  plough: 'plow',
  pyjamas: 'pajamas',
  cosy: 'cozy',
  kerb: 'curb',
  storey: 'story',
  sceptical: 'skeptical',
  judgement: 'judgment',
  ageing: 'aging',
  artefact: 'artifact',
};

// -ise/-ised/-ising/-isation → -ize...; applied alike to documents and questions, so a word it
// wrongly changes ("promise" → "promize") still matches itself.
const ise = /^([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$/;
const yse = /^([a-z]{2,})ys(e|es|ed|ing)$/;

/**
 * The American spelling of a lower-case English word ("personalised" → "personalized", "colour" →
 * "color"), so that questions and documents in either spelling meet at the same stem.
 */
export function americanSpelling(word: string): string {
  const known = words[word];
  if (known !== undefined) return known;
  if (ise.test(word)) return word.replace(ise, '$1iz$2');
  if (yse.test(word)) return word.replace(yse, '$1yz$2');
  return word;
}
