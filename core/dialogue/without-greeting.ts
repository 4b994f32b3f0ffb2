/** Greetings a message may open with before what it asks, in English and Spanish. */
const greeting =
  /^\s*(?:(?:hi|hey|hello|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|hola|buenas(?:\s+(?:tardes|noches))?|buenos\s+días|buenos\s+dias)(?:\s+(?:there|all|team|guys|everyone|you))?[\s,.!:;-]+)+/i;

/**
 * The message without the greeting it opens with ("hi, how many holds can I have?" → "how many holds can I have?"),
 * so that a short bot's classifier does not answer a question with a hello. A message that is only a greeting, or a
 * greeting and one word ("hey there, assistant"), is kept whole.
 */
export function withoutGreeting(text: string): string {
  const match = greeting.exec(text);
  if (!match) return text;
  const rest = text.slice(match[0].length);
  return (rest.match(/[\p{L}\p{N}]+/gu) ?? []).length >= 2 ? rest : text;
}
