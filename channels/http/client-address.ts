import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';

/** The environment variable naming the proxies whose `X-Forwarded-For` is believed. */
export const trustProxyEnvironment = 'PARLEY_TRUST_PROXY';

/** Finds the address a request comes from, for the per-address limits. */
export type ClientAddress = (req: IncomingMessage) => string;

/** `::ffff:10.0.0.1` and `10.0.0.1` are the same client. */
const plain = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

/**
 * Creates the {@link ClientAddress} function. A request's address is the peer's, unless the peer is one of
 * `trustedProxies` (addresses or CIDR ranges like `10.0.0.0/8`): then it is the right-most address of
 * `X-Forwarded-For` that is not itself a trusted proxy. With no trusted proxies the header is ignored, since any
 * client can write it. Throws `ConfigError` for an entry that is neither.
 */
export function createClientAddress(trustedProxies: readonly string[] = []): ClientAddress {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address = '', bits] = entry.trim().split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    if (family === 0 || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128))))
      throw new ConfigError(trustProxyEnvironment, 'comma-separated IP addresses or CIDR ranges of the proxies', entry);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, prefix, type);
  }
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  const any = trustedProxies.length > 0;
  return (req) => {
    const peer = plain(req.socket.remoteAddress ?? 'unknown');
    if (!any || !isTrusted(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => plain(h.trim()));
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = hops[i]!;
      if (isIP(hop) === 0) return peer;
      if (!isTrusted(hop)) return hop;
    }
    return peer;
  };
}

/** The trusted proxies `PARLEY_TRUST_PROXY` names (comma-separated), none when unset. */
export function readTrustedProxies(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[trustProxyEnvironment] ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
}
