import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A lease owner id for this process: `host:pid:random`. Naming host and pid lets another process on the same host
 * tell that the owner has died (see {@link isOwnerDeadHere}) and take its leases over at once instead of waiting for
 * them to expire.
 */
export function processOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * True when `owner` (a {@link processOwnerId}) names a process on this host that no longer exists. Owners on other
 * hosts, or ids of another form, are never declared dead: their leases expire instead.
 */
export function isOwnerDeadHere(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
