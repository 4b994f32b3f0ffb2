import { z } from 'zod';

/** The runtime knows the zone ("Europe/Madrid", "UTC"). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The settings of a bot directory: `<botDir>/parley.config.json`, then environment variables on top.
 * Every field is optional; defaults are in the schema.
 */
export const parleyConfigSchema = z
  .object({
    /** HTTP port (env `PORT`). Default 3000; 0 picks a free port. */
    port: z.number().int().min(0).max(65535).default(3000),
    /** Interface to listen on (env `HOST`). Default "0.0.0.0". */
    host: z.string().min(1).default('0.0.0.0'),
    /** Writable directory for the SQLite file, secrets and caches (env `PARLEY_DATA_DIR`). Default `<bot dir>/.parley`. */
    dataDir: z.string().min(1).default('.parley'),
    /** Conversation store (env `PARLEY_STORE`): "sqlite" (default, `<dataDir>/conversations.db`) or "memory". */
    store: z.enum(['sqlite', 'memory']).default('sqlite'),
    /**
     * Redis for several nodes serving one bot (env `PARLEY_REDIS_URL`, `redis://[user:password@]host:port[/db]` or
     * `rediss://`): conversations, turn leases and the web channel's socket.io adapter live there, and `store` is
     * ignored. Default: none (one node; `store` applies).
     */
    redisUrl: z.string().regex(/^rediss?:\/\/./, 'a redis:// or rediss:// URL').optional(),
    /** pino level (env `PARLEY_LOG_LEVEL`). Default "info". */
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** "queue" (default): a conversation's turns run in arrival order; "supersede": a new turn aborts the running one. */
    turnPolicy: z.enum(['queue', 'supersede']).default('queue'),
    /**
     * A local model directory (Hugging Face/ONNX layout) for turns the classifier cannot route (env
     * `PARLEY_MODEL`), relative to the working directory. Default: none.
     */
    model: z.string().min(1).optional(),
    /**
     * Where a local ONNX model runs (env `PARLEY_DEVICE`): "auto" (default: CUDA, then WebGPU, then CPU, whichever
     * this onnxruntime build has), "cpu", "cuda" or "webgpu" (refused with the reason when the build lacks it).
     */
    device: z.enum(['auto', 'cpu', 'cuda', 'webgpu']).default('auto'),
    /**
     * The OpenAI-compatible server a `model` of `openai:<model>` runs on: `baseUrl` up to `/v1` (env
     * `OPENAI_BASE_URL`, default OpenAI's) and `apiKey` (env `OPENAI_API_KEY`; keep it out of the file).
     */
    openai: z
      .object({
        baseUrl: z.string().regex(/^https?:\/\/[^/]/i, 'an http(s) URL up to /v1, e.g. "http://localhost:8000/v1"').optional(),
        apiKey: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    /** "classifier" (default) or "model": every turn answering no pending question goes through the model. */
    routing: z.enum(['classifier', 'model']).default('classifier'),
    /**
     * With a model, "generate" (default) has it write knowledge answers from the chosen passage; "quote" quotes
     * the passage (for a model trained only to route, like the Acme demo's starter model).
     */
    knowledgeAnswers: z.enum(['quote', 'generate']).default('generate'),
    /** Mask e-mails, phone and card numbers in logs and stored transcripts (env `PARLEY_REDACT_PII`, `true`/`false`). Default false. */
    redactPii: z.boolean().default(false),
    /** Milliseconds to merge a burst of chat messages into one turn; 0 (default) is off. */
    coalesceMs: z.number().int().min(0).max(10_000).default(0),
    /** The users' IANA time zone for relative dates such as "tomorrow at 5" (env `PARLEY_TIME_ZONE`). Default "UTC". */
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as "Europe/Madrid" or "UTC"').default('UTC'),
    /** Dialogue thresholds (see `DialoguePolicy`). */
    policy: z
      .object({
        minConfidence: z.number().min(0).max(1),
        interruptConfidence: z.number().min(0).max(1),
        clarifyMargin: z.number().min(0).max(1),
        clarifyMinConfidence: z.number().min(0).max(1),
        freeTextInterruptConfidence: z.number().min(0).max(1),
        freeTextInterruptOverlap: z.number().min(0).max(1),
        maxCommandsPerTurn: z.number().int().min(1).max(20),
        knowledgeOverIntentConfidence: z.number().min(0).max(1),
      })
      .partial()
      .strict()
      .default({}),
    /**
     * Voice: speech-to-text `stt` (env `PARLEY_STT`): "pocketsphinx" (default, in-process, needs Debian's
     * pocketsphinx packages), "openai" (`POST <baseUrl>/audio/transcriptions`: whisper.cpp, faster-whisper, vLLM,
     * OpenAI) or "off"; text-to-speech `tts` (env `PARLEY_TTS`): "espeak" (default, WASM in-process), "openai"
     * (`POST <baseUrl>/audio/speech`) or "off". `baseUrl` up to `/v1` (env `PARLEY_SPEECH_BASE_URL`) and
     * `apiKey` (env `PARLEY_SPEECH_API_KEY`) for the openai backends; the model and voice names they send.
     */
    voice: z
      .object({
        stt: z.enum(['pocketsphinx', 'openai', 'off']).default('pocketsphinx'),
        tts: z.enum(['espeak', 'openai', 'off']).default('espeak'),
        baseUrl: z.string().regex(/^https?:\/\/[^/]/i, 'an http(s) URL up to /v1, e.g. "http://localhost:8080/v1"').optional(),
        apiKey: z.string().min(1).optional(),
        sttModel: z.string().min(1).default('whisper-1'),
        ttsModel: z.string().min(1).default('tts-1'),
        ttsVoice: z.string().min(1).default('alloy'),
      })
      .strict()
      .default({ stt: 'pocketsphinx', tts: 'espeak', sttModel: 'whisper-1', ttsModel: 'tts-1', ttsVoice: 'alloy' }),
    /** REST limits. */
    http: z
      .object({
        /** Largest request body in bytes. Default 16384. */
        maxBodyBytes: z.number().int().min(256).max(1_048_576).default(16_384),
      })
      .strict()
      .default({ maxBodyBytes: 16_384 }),
    /**
     * Teams and the other Azure Bot Service channels at `POST /api/messages`. The identity stays in the environment
     * (`MicrosoftAppId`, `MicrosoftAppPassword`, `MicrosoftAppType`, `MicrosoftAppTenantId`); here: `enabled`
     * (default true; every request is refused until the app id is set), the `welcome` said when a user joins,
     * `replyWithinMs` before long work is acknowledged and answered proactively (default 3000) and `streaming` in
     * Teams one-to-one chats (default true).
     */
    botFramework: z
      .object({
        enabled: z.boolean().default(true),
        welcome: z.string().min(1).max(4000).optional(),
        replyWithinMs: z.number().int().min(500).max(14_000).optional(),
        streaming: z.boolean().optional(),
      })
      .strict()
      .default({ enabled: true }),
    /**
     * Slack, on when `SLACK_SIGNING_SECRET` and `SLACK_BOT_TOKEN` are set: `streaming` of slow replies in threads
     * (default true), `userEmails` looked up with `users.info` (default true) and who sees slash-command answers,
     * `commandResponseType` "ephemeral" (default) or "in_channel".
     */
    slack: z
      .object({
        streaming: z.boolean().optional(),
        userEmails: z.boolean().optional(),
        commandResponseType: z.enum(['ephemeral', 'in_channel']).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

/** The resolved settings of a bot directory. */
export type ParleyConfig = z.infer<typeof parleyConfigSchema>;

/** Environment variables read on top of the config file, by config key. */
export const configEnvironment = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'PARLEY_DATA_DIR',
  store: 'PARLEY_STORE',
  redisUrl: 'PARLEY_REDIS_URL',
  logLevel: 'PARLEY_LOG_LEVEL',
  model: 'PARLEY_MODEL',
  device: 'PARLEY_DEVICE',
  redactPii: 'PARLEY_REDACT_PII',
  timeZone: 'PARLEY_TIME_ZONE',
} as const;

/** Environment variables read on top of the config file's `voice` block, by key. */
export const voiceEnvironment = {
  stt: 'PARLEY_STT',
  tts: 'PARLEY_TTS',
  baseUrl: 'PARLEY_SPEECH_BASE_URL',
  apiKey: 'PARLEY_SPEECH_API_KEY',
} as const;
