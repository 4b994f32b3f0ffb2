import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../../core/contracts/errors/input-error.ts';

/** Numbers and yes/no that YAML reads as values are what the user typed. */
const userText = z.union([z.string(), z.number(), z.boolean()]).transform(String).pipe(z.string().trim().min(1, 'the user says something'));
const replyPattern = z.string().min(1);
const commandExpectation = z.union([
  z.string().min(1).transform((name): { name: string; args?: Record<string, unknown> } => ({ name })),
  z.object({ name: z.string().min(1), args: z.record(z.string(), z.unknown()).optional() }).strict(),
]);

const storyTurnSchema = z
  .object({
    /** What the user says. */
    user: userText,
    /** The intent the bot acts on; null: it understands none (out of scope). */
    intent: z.string().min(1).nullable().optional(),
    /** Text one of the replies contains, or `/regex/flags`; a list: each must match some reply. */
    reply: z.union([replyPattern, z.array(replyPattern).min(1)]).optional(),
    /** A command that runs successfully in this turn, with exactly these arguments when `args` is given. */
    command: commandExpectation.optional(),
    /** No command runs in this turn. */
    no_command: z.literal(true).optional(),
  })
  .strict()
  .refine((turn) => !(turn.command && turn.no_command), { message: 'a turn cannot expect a command and no_command', path: ['no_command'] });

const storySchema = z
  .object({
    name: z.string().min(1),
    /** The locale every turn carries, as a channel gives it ("es", "es-MX"; "und": read from the text). Default "en". */
    locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { error: 'a language tag such as "en", "es" or "es-MX" ("und": read from the text)' }).optional(),
    /** When the first turn is said, as an ISO date-time ("2026-12-07T10:00:00Z"), so "next friday" is always the same day; each later turn a second on. Default: the clock. */
    now: z.iso.datetime({ offset: true, error: 'an ISO date-time such as "2026-12-07T10:00:00Z"' }).transform((text) => Date.parse(text)).optional(),
    turns: z.array(storyTurnSchema).min(1),
  })
  .strict();
const storyFileSchema = z.union([z.object({ stories: z.array(storySchema).min(1) }).strict(), z.array(storySchema).min(1)]);

/** One user turn of a story and what must happen in it. */
export type StoryTurn = z.infer<typeof storyTurnSchema>;

/** A conversation the bot must hold: user turns, each with its expectations. */
export interface ConversationStory {
  name: string;
  /** The locale of its turns. Default "en". */
  locale?: string;
  /** When its first turn is said (milliseconds since the epoch). Default: the clock. */
  now?: number;
  /** The file it came from. */
  file: string;
  turns: StoryTurn[];
}

/**
 * Reads the conversation stories of one file: YAML (`.yaml`, `.yml`) or JSON, either `{ stories: [...] }` or a
 * list of stories. Throws an `InputError` naming the file and the offending path
 * (`stories.yaml: stories[0].turns[2].reply: ...`) or the YAML/JSON error with its line.
 *
 * @example
 * parseConversationStories('stories:\n  - name: hours\n    turns:\n      - user: when are you open\n        intent: opening_hours\n', 'hours.yaml');
 */
export function parseConversationStories(text: string, file: string): ConversationStory[] {
  let value: unknown;
  try {
    value = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InputError(file, `not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'} (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = storyFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = deepestIssue(parsed.error.issues);
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw new InputError(where ? `${file}: ${where}` : file, issue.path.length === 0 ? 'expected "stories:" with a list of stories ({ name, turns })' : issue.message);
  }
  const stories = Array.isArray(parsed.data) ? parsed.data : parsed.data.stories;
  return stories.map(({ name, locale, now, turns }) => ({ name, file, turns, ...(locale ? { locale } : {}), ...(now !== undefined ? { now } : {}) }));
}

/** A union's failure reports each branch; the branch that got furthest says what is wrong. */
function deepestIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0]!;
  for (const issue of issues) {
    const nested = issue.code === 'invalid_union' ? issue.errors.flat() : [];
    const candidate = nested.length > 0 ? deepestIssue(nested.map((n) => ({ ...n, path: [...issue.path, ...n.path] }))) : issue;
    if (candidate.path.length > best.path.length || best.code === 'invalid_union') best = candidate;
  }
  return best;
}
