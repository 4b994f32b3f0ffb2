import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isOwnerDeadHere, processOwnerId } from '../../core/process-owner.ts';

describe('lease owners', () => {
  it('names this host and process, and is never declared dead while this process runs', () => {
    const owner = processOwnerId();
    expect(owner.startsWith(`${hostname()}:${process.pid}:`)).toBe(true);
    expect(isOwnerDeadHere(owner)).toBe(false);
  });

  it('declares an owner dead once its process on this host has exited, and never one on another host', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const owner = `${hostname()}:${child.pid}:abc`;
    expect(isOwnerDeadHere(owner)).toBe(false);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(isOwnerDeadHere(owner)).toBe(true);
    expect(isOwnerDeadHere(`another-host:${child.pid}:abc`)).toBe(false);
    expect(isOwnerDeadHere('not-an-owner-id')).toBe(false);
  });
});
