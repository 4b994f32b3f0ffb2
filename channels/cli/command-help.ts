/** The commands of `parley`, each with the text `parley <command> --help` prints. */
export const commandHelp = {
  new: `Usage: parley new <dir>

Creates a bot project in <dir> (a new or empty folder): package.json ("type": "module"), tsconfig.json, bot.ts with a
skill holding a form and a command, a knowledge/ folder, conversation stories in stories/, a vitest test and a
README. Then: cd <dir> && npm install && npm test.
`,
  start: `Usage: parley start --bot <dir> [--port N] [--model <dir>] [--route model]

Serves the bot: the web widget and its demo page, REST, the OpenAI-compatible endpoint and /healthz, on --port
(or PORT; default 3000, 0 picks a free one). Data (conversations, secrets, caches) goes to <dir>/.parley unless
PARLEY_DATA_DIR says otherwise. Stops cleanly on SIGINT and SIGTERM.
`,
  chat: `Usage: parley chat --bot <dir> [--conversation ID] [--locale es] [--model <dir>] [--route model]

Chats with the bot in the terminal; each stdin line is one turn. --conversation continues a stored conversation.
--locale sets the language of every turn (default: read from what you type, for a bot of several languages).
`,
  test: `Usage: parley test --bot <dir> [files...] [--json]

Plays conversation stories against the bot and reports each: files given, or every .yaml, .yml and .json file
in <dir>/stories. A story file:

  stories:
    - name: opening hours
      turns:
        - user: when are you open on sunday
          intent: opening_hours          # null: the bot understands no intent
          reply: from 12:00              # text a reply contains, or /regex/flags; a list for several
        - user: book a table for two
          command: { name: book_table, args: { people: 2 } }   # or just the name; no_command: true

Conversations are kept in memory. Exit code 1 when a story fails. --json prints the report as the last stdout line.
`,
  check: `Usage: parley check --bot <dir> [--skip-types] [--json]

Runs the checks parley runs when it loads the bot (command parameters without a slot, unknown entities, duplicate
names across skills, flows that cannot fill a required slot…), listing every problem with its fix, then the
TypeScript type check with <dir>/tsconfig.json (or the nearest one above it). Exit code 1 on any problem.
`,
  'api-key': `Usage: parley api-key --bot <dir>

Prints the REST API key: PARLEY_API_KEYS' first, or the one generated into the data folder.
`,
  eval: `Usage: parley eval --bot <dir> --data <file.jsonl> [--kb] [--locale es]

Scores the bot on JSON lines ({text, intent, command?, args?} or {turns, commands}); with --kb, knowledge answers
({question, doc, answer_contains}). --locale sends the lines in that language (default: the bot's default locale;
"und" reads it from each line). Prints one JSON report as the last stdout line.
`,
  'train-model': `Usage: parley train-model --bot <dir> [--out <dir>] [--steps N] [--size tiny|small|base] [--conversations N]
                   [--python PATH] [--evaluate-only] [--corpus-only] [--from-weights <dir>]

Trains the bot's own small generation model (Debian python3-torch; resumes; never in CI). --corpus-only only
writes the training corpus (to train elsewhere, e.g. on a GPU); --from-weights exports weights trained there.
`,
} as const;

/** A command name of `parley`. */
export type CommandName = keyof typeof commandHelp;

/** Whether `name` is a command of `parley`. */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandHelp, name);
}
