import type { IncomingMessage } from 'node:http';
import { createAddressSlots } from '../http/address-slots.ts';
import type { ClientAddress } from '../http/client-address.ts';
import type { Admit } from './admission-gate.ts';
import type { OriginPolicy } from './origin-policy.ts';
import { createRateLimiter, type RateLimitOptions } from './rate-limiter.ts';

/** Options of {@link createWebAdmission}. */
export interface WebAdmissionOptions {
  originPolicy: OriginPolicy;
  clientAddress: ClientAddress;
  /** New connections per address; `false`: no limit. */
  connectsPerAddress: RateLimitOptions | false;
  /** Connections open at once per address. */
  openSocketsPerAddress: number;
  now: () => number;
}

/** Who may open a socket connection, and the count of those open. */
export interface WebAdmission {
  /** For the admission gate: 403 for a foreign origin, 429 for an address over its connection limits. */
  admit: Admit;
  /**
   * Counts an opened connection against its address until it closes; false (and nothing counted) when the
   * address has its maximum open already (connections racing through the gate at once).
   */
  open(req: IncomingMessage, onClose: (release: () => void) => void): boolean;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The admission rules of the web channel. Every request under the socket path is checked for its origin; a
 * new connection (a handshake: no `sid`) also for its address's connection rate and open connections, so a
 * client cannot get fresh per-connection limits by opening more connections.
 */
export function createWebAdmission(options: WebAdmissionOptions): WebAdmission {
  const connects = options.connectsPerAddress ? createRateLimiter(options.connectsPerAddress, options.now) : undefined;
  const open = createAddressSlots(options.openSocketsPerAddress);
  return {
    admit(req) {
      const origin = first(req.headers.origin);
      if (!options.originPolicy(origin, first(req.headers.host)))
        return { status: 403, code: 'origin_not_allowed', message: `pages from ${origin} may not use this chat server` };
      let handshake: boolean;
      try {
        handshake = !new URL(req.url ?? '/', 'http://localhost').searchParams.has('sid');
      } catch {
        return undefined;
      }
      if (!handshake) return undefined;
      const address = options.clientAddress(req);
      if (open.held(address) >= options.openSocketsPerAddress)
        return { status: 429, code: 'rate_limited', message: `too many connections open from ${address}`, retryAfterMs: 10_000 };
      const decision = connects?.take(address);
      if (decision && !decision.ok)
        return { status: 429, code: 'rate_limited', message: 'too many new connections; try again later', retryAfterMs: decision.retryAfterMs };
      return undefined;
    },
    open(req, onClose) {
      const release = open.take(options.clientAddress(req));
      if (!release) return false;
      onClose(release);
      return true;
    },
  };
}
