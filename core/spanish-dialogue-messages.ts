import { type DialogueMessages, defaultDialogueMessages, titleAsOffered } from './contracts/dialogue-messages.ts';

const list = (options: readonly string[]) => (options.length > 1 ? `${options.slice(0, -1).join(', ')} o ${options.at(-1)}` : options.join(''));

/** Words for several requests in one message and for offering an action after a knowledge answer. */
const requestWords = {
  queued: (description: string) => `Después me ocupo de ${description}.`,
  nextRequest: (description: string) => `Ahora, ${description}.`,
  offerAction: (title: string) => `¿Quieres ${titleAsOffered(title)}?`,
  notFoundOffer: (title: string) =>
    `Nuestros artículos de ayuda no lo dicen y prefiero no adivinar. ¿Quieres ${titleAsOffered(title)}?`,
  withoutAnswer: 'No pasa nada: si ahora no puedes dármelo, di «cancelar» para dejarlo o pide hablar con una persona.',
  outOfRange: (label: string, { min, max, inclusive }: { min?: number; max?: number; inclusive: boolean }) =>
    max !== undefined
      ? `El ${label} ${inclusive ? 'puede ser como máximo' : 'debe ser menor que'} ${max}.`
      : `El ${label} debe ser ${inclusive ? 'como mínimo' : 'más de'} ${min}.`,
  notValid: (label: string) => `Eso no parece un ${label} válido.`,
  listOf: (values: readonly string[]) => new Intl.ListFormat('es', { type: 'conjunction' }).format(values),
  tentativeAnswer: 'No estoy seguro de que nuestros artículos de ayuda respondan exactamente a eso. Esto es lo más cercano:',
};

/** What the dialogue says on its own in Spanish (the "es" locale's defaults). */
export const spanishDialogueMessages: DialogueMessages = {
  ...requestWords,
  fallback: 'Perdona, no te he entendido. Esto es lo que puedo hacer:',
  generalHelp: 'Esto es lo que puedo hacer:',
  nothingToCancel: 'No hay nada que cancelar. ¿En qué puedo ayudarte?',
  cancelled: (description) => `De acuerdo, he dejado de ${description}.`,
  resume: (description) => `Volvamos a lo que estábamos: ${description}.`,
  corrected: (label, value) => `Entendido, he cambiado el ${label} a ${value}.`,
  clarify: (first, second) => `¿Te refieres a «${first}» o a «${second}»?`,
  answerYesOrNo: 'Por favor, responde sí o no.',
  declined: 'De acuerdo, no lo haré.',
  confirmCommand: (description) => `¿Quieres que proceda a ${description}?`,
  handoff: 'Te paso con una persona. Alguien de nuestro equipo te responderá aquí en breve.',
  stillHandedOff: 'Una persona de nuestro equipo te responderá aquí en breve. Escribe «cancelar» para seguir conmigo.',
  backFromHandoff: 'De acuerdo, vuelves a estar conmigo. ¿En qué puedo ayudarte?',
  commandFailed: (description) => `Lo siento, algo ha fallado al intentar ${description}. Inténtalo de nuevo más tarde.`,
  verificationRequired: 'Necesito saber quién eres antes de hacer eso. Inicia sesión y vuelve a intentarlo.',
  tooManyAttempts: 'Dejémoslo por ahora. ¿Puedo ayudarte en algo más?',
  helpInFlow: (description) => `Estamos con esto: ${description}. Responde a la pregunta o escribe «cancelar» para parar.`,
  yes: 'Sí',
  no: 'No',
  stateReset: 'Perdona, me han actualizado y no he podido retomar la conversación donde la dejamos, así que empezamos de nuevo. ¿En qué puedo ayudarte?',
  notFound: 'No he encontrado nada sobre eso en nuestros artículos de ayuda y prefiero no adivinar. ¿Quieres hablar con una persona?',
  talkToPerson: 'Hablar con una persona',
  confirmCancel: (description) => `¿Quieres dejar de ${description}?`,
  carryOn: 'De acuerdo, sigamos.',
  unchanged: (label, value) => `El ${label} ya es ${value}.`,
  understoodAs: (written, value) => `He entendido «${written}» como ${value}.`,
  chooseOne: (label, options) => `Elige un ${label}: ${list(options)}.`,
  notUnderstood: (label) => `Perdona, no lo he entendido (${label}).`,
};

/** The dialogue's own words parley ships, by primary language subtag. */
export const builtinDialogueMessages: Readonly<Record<string, DialogueMessages>> = {
  en: defaultDialogueMessages,
  es: spanishDialogueMessages,
};
