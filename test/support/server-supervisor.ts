import { type ChildProcess, spawn } from 'node:child_process';
import { testApiKey } from './security-api-key.ts';

/** One `parley start` process (the Acme bot) and the URL it printed. */
export interface ServerLife {
  child: ChildProcess;
  url: string;
  /** 1 for the first process a supervisor started, then 2, 3, … */
  generation: number;
  /** Everything it wrote to stderr so far. */
  stderr: () => string;
  /** Resolves once the process has exited (killed or on its own), with its exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node bin/parley.js start --bot examples/acme` (then `args`, e.g. `['--route', 'model']`) with `env` on a
 * free port and waits for its URL.
 */
export function spawnServer(
  env: Record<string, string>,
  generation = 1,
  timeoutMs = 60_000,
  args: readonly string[] = [],
): Promise<ServerLife> {
  const child = spawn(process.execPath, ['bin/parley.js', 'start', '--bot', 'examples/acme', ...args], {
    env: { ...process.env, PORT: '0', PARLEY_LOG_LEVEL: 'warn', PARLEY_API_KEYS: testApiKey, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], generation, stderr: () => stderr, exited });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        Object.assign(
          new Error(`server exited (code ${code}, signal ${signal}) before listening; stderr:\n${stderr}`),
          {
            signal,
          },
        ),
      );
    });
  });
}

/** True while the process has not exited. */
export function isAlive(life: ServerLife): boolean {
  return life.child.exitCode === null && life.child.signalCode === null;
}

/** SIGKILLs the process (if it still runs) and waits until it is gone. */
export async function killServer(life: ServerLife): Promise<void> {
  if (isAlive(life)) life.child.kill('SIGKILL');
  await life.exited;
}

/** Options of {@link createServerSupervisor}. */
export interface ServerSupervisorOptions {
  /** The environment of every process it starts (`PARLEY_DATA_DIR` at least). */
  env: Record<string, string>;
  /** Starts a process may take, in milliseconds. Default 60000. */
  startTimeoutMs?: number;
}

/**
 * Keeps one `parley start` process running on a data directory, restarting it (same environment, same data
 * directory) whenever it died: killed from outside, or by its own crash points, even while it was starting
 * (startup recovery runs through the crash points too). Concurrent callers share one restart.
 */
export interface ServerSupervisor {
  /** The running process, started (again) when there is none. */
  running(): Promise<ServerLife>;
  /** The process started last, alive or not; undefined before the first start. */
  readonly current: ServerLife | undefined;
  /** Processes started so far (deaths during startup count too). */
  readonly starts: number;
  /** Processes that died (SIGKILLed by their crash points or from outside). */
  readonly deaths: number;
  /** SIGKILLs the running process from outside, if there is one, and waits until it is gone. */
  kill(): Promise<void>;
  /** After a request to `life` failed: waits up to `ms` for it to exit; true when it did (so a restart is due). */
  diedWithin(life: ServerLife, ms: number): Promise<boolean>;
  /** Replaces the environment of the processes it starts from now on (the running one keeps its own). */
  setEnv(env: Record<string, string>): void;
  /** Kills the running process, if any, for good. */
  stop(): Promise<void>;
}

/** Creates a {@link ServerSupervisor}; nothing starts before the first `running()`. */
export function createServerSupervisor(options: ServerSupervisorOptions): ServerSupervisor {
  let env = options.env;
  let life: ServerLife | undefined;
  let starting: Promise<ServerLife> | undefined;
  let starts = 0;
  let deaths = 0;
  let stopped = false;

  const startOne = async (): Promise<ServerLife> => {
    for (let attempt = 1; ; attempt += 1) {
      if (stopped) throw new Error('the supervisor was stopped');
      starts += 1;
      try {
        const started = await spawnServer(env, starts, options.startTimeoutMs ?? 60_000);
        void started.exited.then(() => {
          deaths += 1;
        });
        return started;
      } catch (error) {
        // A crash point can fire in the startup recovery, before or after the URL line: start again.
        if ((error as { signal?: unknown }).signal === 'SIGKILL' && attempt < 50) {
          deaths += 1;
          continue;
        }
        throw error;
      }
    }
  };

  return {
    async running() {
      if (life && isAlive(life)) return life;
      if (!starting) {
        starting = startOne()
          .then((started) => {
            life = started;
            return started;
          })
          .finally(() => {
            starting = undefined;
          });
      }
      return starting;
    },
    get current() {
      return life;
    },
    get starts() {
      return starts;
    },
    get deaths() {
      return deaths;
    },
    async kill() {
      if (life) await killServer(life);
    },
    async diedWithin(target, ms) {
      if (!isAlive(target)) return true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      });
      const died = await Promise.race([target.exited.then(() => true as const), timeout]);
      clearTimeout(timer);
      return died;
    },
    setEnv(next) {
      env = next;
    },
    async stop() {
      stopped = true;
      await starting?.catch(() => undefined);
      if (life) await killServer(life);
    },
  };
}
