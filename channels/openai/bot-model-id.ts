/**
 * The model id a bot answers to on the OpenAI-compatible endpoint when none is given: its name in lower case,
 * runs of other characters than letters and digits as one "-" ("Acme store assistant" → "acme-store-assistant").
 * `parley start` passes the bot directory's name instead ("acme").
 */
export function botModelId(botName: string): string {
  return (
    botName
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'bot'
  );
}
