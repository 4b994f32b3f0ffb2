import { readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../core/config/load-config.ts';
import { readAbuseLimitsEnvironment } from '../http/abuse-limits.ts';
import { readTrustedProxies } from '../http/client-address.ts';
import { voiceFromConfig } from '../voice/voice-from-config.ts';
import { botModelId } from '../openai/bot-model-id.ts';
import { apiKeysEnvironment, loadApiKeys } from '../http/load-api-keys.ts';
import { readWebEnvironment } from '../web/web-environment.ts';
import { botFrameworkSettings, readBotFrameworkEnvironment } from '../botframework/bot-framework-environment.ts';
import { readSlackEnvironment } from '../slack/slack-environment.ts';
import { loadWebSecret } from '../web/web-secrets.ts';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import { parseKnowledgeEvalLines } from '../../engine/knowledge/knowledge-eval-line.ts';
import { evaluateBot, parseEvalLines } from './evaluate-bot.ts';
import { evaluateKnowledge } from './evaluate-knowledge.ts';
import { checkBot } from './check-bot.ts';
import { commandHelp, isCommandName } from './command-help.ts';
import { ensureDataDir } from './ensure-data-dir.ts';
import { listenOrExplain } from './listen-or-explain.ts';
import { createProgressBar } from './progress-bar.ts';
import { formatCheckReport, formatStoryReport } from './report-lines.ts';
import { scaffoldBot } from './scaffold-bot.ts';
import { runTerminalChat } from './terminal-chat.ts';

const usage = `parley — chatbots and voice assistants

Usage:
  parley new <dir>                             create a bot project that passes its own npm test
  parley start --bot <dir> [--port N]          serve the bot (web widget and demo page, REST, /v1 OpenAI-compatible, /healthz) on PORT (default 3000)
  parley chat  --bot <dir> [--conversation ID] chat in the terminal; each stdin line is one turn
  parley test  --bot <dir> [files] [--json]    play conversation stories (YAML or JSON; default <dir>/stories)
  parley check --bot <dir> [--skip-types]      the checks run at load, every problem with its fix, and the type check
  parley api-key --bot <dir>                   print the REST API key (PARLEY_API_KEYS' first, or the generated one)
  parley eval  --bot <dir> --data <file.jsonl> score the bot; prints one JSON line last on stdout
  parley eval  --bot <dir> --kb --data <file>  score knowledge answers (question, doc, answer_contains)
  parley train-model --bot <dir> [--out <dir>] [--steps N] [--size tiny|small|base] [--conversations N]
                     [--python PATH] [--evaluate-only] [--corpus-only] [--from-weights <dir>]
                                               train the bot's own model (Debian python3-torch; resumes; never in CI);
                                               --corpus-only only generates the corpus (to train elsewhere, e.g. on a GPU);
                                               --from-weights exports weights trained there (train-model.py --weights-out)
  any command: --model <dir>|openai:<model> (a local ONNX model, or a model on an OpenAI-compatible server at
               OPENAI_BASE_URL with OPENAI_API_KEY, for turns the classifier cannot route; PARLEY_DEVICE for ONNX),
               --route model (every turn answering no pending question goes through the model)
  parley <command> --help                      that command's options

Environment: PORT, HOST, PARLEY_DATA_DIR (default <bot dir>/.parley), PARLEY_STORE (sqlite|memory), PARLEY_REDIS_URL (several nodes), PARLEY_LOG_LEVEL;
PARLEY_API_KEYS, PARLEY_TRUST_PROXY and the PARLEY_LIMIT_* variables (see the README's Security section);
for the web widget PARLEY_WEB_SECRET, PARLEY_WEB_ORIGINS, PARLEY_USER_TOKEN_SECRET or PARLEY_USER_TOKEN_PUBLIC_KEY,
PARLEY_USER_TOKEN_ISSUER, PARLEY_USER_TOKEN_AUDIENCE (see the README);
Teams/Bot Framework (POST /api/messages) MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId,
PARLEY_BOTFRAMEWORK_ANONYMOUS=1 (Emulator only); Slack (/slack/events) SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL.
`;

/** Routing chosen with --route, applied to every command. */
let modelRouting: 'model' | 'classifier' | undefined;
const routingOverride = () => (modelRouting ? { routing: modelRouting } : {});

// What loads a bot, serves it or trains a model is imported by the commands that need it, so `parley --help`,
// `new` and `check` start without loading the model runtimes and the channels.
const loadBotDirectory: typeof import('../../core/load-bot-directory.ts').loadBotDirectory = async (...args) =>
  (await import('../../core/load-bot-directory.ts')).loadBotDirectory(...args);

/** Long jobs (training, corpus generation, evaluation) draw a progress bar on stderr when it is a terminal. */
const progress = (label: string) => createProgressBar({ label });

async function start(bot: string, port: string | undefined): Promise<void> {
  const overrides = { ...routingOverride(), ...(port === undefined ? {} : { port: Number(port) }) };
  const webSettings = readWebEnvironment();
  // Read before the bot loads, so a refused setting (anonymous Bot Framework in production) stops the start at once.
  const botFramework = readBotFrameworkEnvironment();
  const slack = readSlackEnvironment();
  await ensureDataDir((await loadConfig(bot)).dataDir);
  const loaded = await loadBotDirectory(bot, { overrides, watchKnowledge: true, progress });
  const { config, log } = loaded;
  const secret = await loadWebSecret({ dataDir: config.dataDir });
  const apiKeys = await loadApiKeys({ dataDir: config.dataDir });
  const limits = readAbuseLimitsEnvironment();
  const trustProxy = readTrustedProxies();
  if (apiKeys.source === apiKeysEnvironment) log.info({ keys: apiKeys.keys.length }, `REST API keys from ${apiKeysEnvironment}`);
  else log.info({ file: apiKeys.source }, 'REST API key kept in the secrets file; print it with `npx parley api-key`');
  const { createParleyServer } = await import('../http/create-parley-server.ts');
  const server = createParleyServer({
    bot: loaded.bot,
    botName: loaded.definition.name,
    ...(loaded.definition.description ? { botDescription: loaded.definition.description } : {}),
    log,
    apiKeys: apiKeys.keys,
    limits,
    trustProxy,
    maxBodyBytes: config.http.maxBodyBytes,
    web: { secret, ...webSettings, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) },
    botFramework: config.botFramework.enabled ? { ...botFrameworkSettings(config.botFramework), ...botFramework } : false,
    ...(slack ? { slack: { ...config.slack, ...slack } } : {}),
    botModelId: botModelId(basename(resolve(bot))),
    voice: voiceFromConfig(config.voice, log, loaded.store),
    ...(loaded.model ? { models: { [loaded.model.name]: loaded.model.model } } : {}),
  });
  if (server.botFramework) log.info({ auth: server.botFramework.authMode }, 'Bot Framework endpoint at POST /api/messages');
  if (server.slack) log.info('Slack endpoints at POST /slack/events, /slack/commands and /slack/interactions');
  const actual = await listenOrExplain(server, config.port, config.host);
  process.stdout.write(`parley: ${loaded.definition.name} is listening on http://localhost:${actual}\n`);
  const stop = () => {
    void (async () => {
      await server.web?.stop();
      server.close();
      await loaded.bot.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Prints the first REST API key, generating one into the data directory when there is none yet. */
async function printApiKey(bot: string): Promise<void> {
  const config = await loadConfig(bot);
  await ensureDataDir(config.dataDir);
  const { keys } = await loadApiKeys({ dataDir: config.dataDir });
  process.stdout.write(`${keys[0]}\n`);
}

/** The `--locale` value: a BCP 47 language tag ("es", "en-GB"). */
function localeOption(value: string | undefined): string | undefined {
  if (value !== undefined && !/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$/.test(value)) throw new ConfigError('--locale', 'a language tag such as es or en-GB', value);
  return value;
}

async function chat(bot: string, conversationId: string | undefined, locale: string | undefined): Promise<void> {
  await ensureDataDir((await loadConfig(bot)).dataDir);
  const loaded = await loadBotDirectory(bot, { overrides: { ...routingOverride(), ...(process.env.PARLEY_LOG_LEVEL ? {} : { logLevel: 'warn' as const }) }, progress });
  await runTerminalChat({ bot: loaded.bot, input: process.stdin, output: process.stdout, ...(conversationId ? { conversationId } : {}), ...(locale ? { locale } : {}) });
  await loaded.bot.close();
}

async function evaluate(bot: string, data: string, kb: boolean, locale: string | undefined): Promise<void> {
  const text = await readFile(data, 'utf8');
  const overrides = { store: 'memory' as const, ...routingOverride(), ...(process.env.PARLEY_LOG_LEVEL ? {} : { logLevel: 'warn' as const }) };
  if (kb) {
    const lines = parseKnowledgeEvalLines({ text, source: data });
    const loaded = await loadBotDirectory(bot, { overrides, progress });
    const report = await evaluateKnowledge(loaded.bot, lines);
    await loaded.bot.close();
    process.stderr.write(`retrieval recall@5 ${report.retrieval_recall_at_5}, answer accuracy ${report.answer_accuracy} (n=${report.n})\n`);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const lines = parseEvalLines(text);
  const loaded = await loadBotDirectory(bot, { overrides, progress });
  const report = await evaluateBot(loaded.bot, lines, locale ? { locale } : {});
  await loaded.bot.close();
  process.stderr.write(
    `intent accuracy ${report.intent_accuracy ?? '-'} (n=${report.intent_n}), out-of-scope recall ${report.oos_recall ?? '-'} (n=${report.oos_n}), command accuracy ${report.command_accuracy ?? '-'} (n=${report.command_n}), task success ${report.task_success ?? '-'} (n=${report.task_n})\n`,
  );
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function trainModelCommand(bot: string, values: { out?: string | undefined; steps?: string | undefined; size?: string | undefined; conversations?: string | undefined; python?: string | undefined; 'evaluate-only'?: boolean | undefined; 'from-weights'?: string | undefined; 'corpus-only'?: boolean | undefined }): Promise<void> {
  const count = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new ConfigError(`--${name}`, 'a positive whole number', value);
    return n;
  };
  const size = values.size ?? 'tiny';
  if (size !== 'tiny' && size !== 'small' && size !== 'base') throw new ConfigError('--size', '"tiny", "small" or "base"', size);
  const steps = count('steps', values.steps);
  const conversations = count('conversations', values.conversations);
  const out = values.out ?? join(bot, 'model');
  const workDir = join('.parley', 'train', basename(resolve(out)));
  const { modelCorpusFile, prepareModelCorpus, trainModel } = await import('../../core/training/train-model.ts');
  if (values['corpus-only']) {
    const corpus = await prepareModelCorpus({ botDir: bot, workDir, progress, ...(conversations ? { conversations } : {}) });
    process.stderr.write(`${corpus.samples.length} samples in ${modelCorpusFile(workDir)}\n`);
    process.stdout.write(`${JSON.stringify({ corpus: modelCorpusFile(workDir), samples: corpus.samples.length })}\n`);
    return;
  }
  const report = await trainModel({
    botDir: bot,
    out,
    workDir,
    progress,
    size,
    ...(steps ? { steps } : {}),
    ...(conversations ? { conversations } : {}),
    ...(values.python ? { python: values.python } : {}),
    evaluateOnly: values['evaluate-only'] === true,
    ...(values['from-weights'] ? { fromWeights: values['from-weights'] } : {}),
  });
  process.stderr.write(`held-out: intent ${report.intent_accuracy.toFixed(3)}, exact call ${report.exact_call_accuracy.toFixed(3)} (n=${report.n}); model card in ${join(out, 'README.md')}\n`);
  process.stdout.write(`${JSON.stringify({ n: report.n, intent_accuracy: report.intent_accuracy, exact_call_accuracy: report.exact_call_accuracy })}\n`);
}

async function createProject(dir: string | undefined): Promise<void> {
  if (!dir) throw new ConfigError('<dir>', 'a folder for the new project: parley new <dir>');
  const created = await scaffoldBot({ dir });
  const nearby = relative(process.cwd(), created.dir);
  const shown = nearby.startsWith('..') ? created.dir : nearby || '.';
  process.stdout.write(`parley: created ${created.files.length} files in ${shown}\nNext: cd ${shown} && npm install && npm test\n`);
}

async function testStories(bot: string, files: string[], json: boolean): Promise<void> {
  const { runBotStories } = await import('./run-bot-stories.ts');
  const report = await runBotStories(bot, { files, progress });
  process.stdout.write(formatStoryReport(report));
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  if (report.failed > 0) process.exitCode = 1;
}

async function check(bot: string, types: boolean, json: boolean): Promise<void> {
  const report = await checkBot(bot, { types });
  process.stdout.write(formatCheckReport(report));
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  if (!report.ok) process.exitCode = 1;
}

/** Runs the `parley` command line with these arguments. */
export async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      bot: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      conversation: { type: 'string' },
      locale: { type: 'string' },
      kb: { type: 'boolean' },
      model: { type: 'string' },
      route: { type: 'string' },
      out: { type: 'string' },
      steps: { type: 'string' },
      size: { type: 'string' },
      conversations: { type: 'string' },
      'evaluate-only': { type: 'boolean' },
      'from-weights': { type: 'string' },
      'corpus-only': { type: 'boolean' },
      python: { type: 'string' },
      json: { type: 'boolean' },
      'skip-types': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  const helpFor = command === 'help' ? rest[0] : values.help ? command : undefined;
  if (helpFor !== undefined && isCommandName(helpFor)) {
    process.stdout.write(commandHelp[helpFor]);
    return;
  }
  if (values.help || !command || command === 'help') {
    process.stdout.write(usage);
    return;
  }
  if (!isCommandName(command)) throw new ConfigError('<command>', `one of ${Object.keys(commandHelp).join(', ')} (parley --help lists them)`, command);
  if (command === 'new') return createProject(rest[0]);
  if (values.bot === undefined) throw new ConfigError('--bot', `the bot's folder (the one with bot.ts), e.g. parley ${command} --bot examples/acme`);
  const bot = values.bot;
  if (values.model !== undefined) process.env.PARLEY_MODEL = values.model;
  if (values.route !== undefined) {
    if (values.route !== 'model' && values.route !== 'classifier') throw new ConfigError('--route', '"model" or "classifier"', values.route);
    modelRouting = values.route;
  }
  if (command === 'start') return start(bot, values.port);
  if (command === 'chat') return chat(bot, values.conversation, localeOption(values.locale));
  if (command === 'api-key') return printApiKey(bot);
  if (command === 'test') return testStories(bot, rest, values.json === true);
  if (command === 'check') return check(bot, values['skip-types'] !== true, values.json === true);
  if (command === 'eval') {
    if (!values.data) throw new Error('parley eval needs --data <file.jsonl>');
    return evaluate(bot, values.data, values.kb === true, localeOption(values.locale));
  }
  return trainModelCommand(bot, values);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = isParleyError(error) || error instanceof Error ? error.message : String(error);
  process.stderr.write(`parley: ${message}\n`);
  process.exit(isParleyError(error) && error.name === 'ConfigError' ? 78 : 1);
});
