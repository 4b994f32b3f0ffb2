import type { Server } from 'node:net';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';

/**
 * Starts `server` listening and resolves with the port it got; a port in use or not allowed becomes a
 * `ConfigError` that says which port and how to pick another, instead of an `EADDRINUSE` stack.
 */
export function listenOrExplain(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is in use by another program' : error.code === 'EACCES' ? 'needs privileges this process lacks' : `cannot be used (${error.code ?? error.message})`;
      reject(new ConfigError('port', `a free port (${host}:${port} ${why}; pick another with --port N or PORT, 0 for any free one)`));
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
