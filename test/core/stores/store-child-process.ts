import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const childScript = fileURLToPath(new URL('../../fixtures/sqlite-store-child.ts', import.meta.url));

/** A line the child prints: `ready`, then `saved` / `conflict` / `error`. */
export type ChildMessage =
  | { type: 'ready'; pid: number }
  | { type: 'saved'; version: number }
  | { type: 'conflict'; actualVersion: number }
  | { type: 'error'; name: string; message: string };

/** A running `test/fixtures/sqlite-store-child.ts`. */
export interface StoreChild {
  process: ChildProcess;
  /** The next JSON line the child prints. */
  next: () => Promise<ChildMessage>;
  /** Lets the child perform its save. */
  go: () => void;
  /** Resolves with the exit code or signal once the child is gone. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts the child that saves `state` to `conversationId` in the SQLite `file` when told to go. */
export function startStoreChild(options: {
  file: string;
  conversationId: string;
  expectedVersion: number;
  state: unknown;
  mode: 'hang' | 'exit';
}): StoreChild {
  const args = [
    '--import',
    'tsx',
    childScript,
    options.file,
    options.conversationId,
    String(options.expectedVersion),
    JSON.stringify(options.state),
    options.mode,
  ];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(
    ([code, signal]) => (signal ?? code) as number | NodeJS.Signals | null,
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    process: child,
    exited,
    go: () => {
      child.stdin.write('go\n');
    },
    next: async () => {
      const line = await lines.next();
      if (line.done === true) throw new Error(`store child ended without a message; stderr:\n${stderr}`);
      return JSON.parse(line.value) as ChildMessage;
    },
  };
}
