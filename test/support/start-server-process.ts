import { type ChildProcess, spawn } from 'node:child_process';
import { testApiKey, testAuthorization } from './security-api-key.ts';

/** A `parley start` process and the URL it printed. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote to stderr so far. */
  stderr: () => string;
}

/** Starts `node bin/parley.js start` with this environment and waits for its URL line on stdout. */
export function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['bin/parley.js', 'start', '--bot', 'examples/acme'], {
    env: { ...process.env, PORT: '0', PARLEY_LOG_LEVEL: 'warn', PARLEY_API_KEYS: testApiKey, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], stderr: () => stderr });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening; stderr:\n${stderr}`));
    });
  });
}

/** Posts one user message to the REST channel and returns the JSON answer. */
export async function postMessage(url: string, conversationId: string, text: string): Promise<{ reply: string; events: Array<{ type: string; name?: string; args?: unknown }>; status: string }> {
  const response = await fetch(`${url}/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...testAuthorization },
    body: JSON.stringify({ text }),
  });
  if (!response.ok) throw new Error(`POST failed: ${response.status} ${await response.text()}`);
  return response.json() as never;
}
