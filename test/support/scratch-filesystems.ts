import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Small real filesystems for storage-failure tests: a size-limited tmpfs to fill up, an ext4 image on a loop
 * device to turn read-only under a running process. They need root (mount); see {@link canMountFilesystems}.
 */

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'pipe' }).toString();

/** A mounted scratch filesystem. */
export interface ScratchFilesystem {
  /** Where it is mounted. */
  dir: string;
  /** Unmounts it (lazily if still busy) and removes the mount point (and the image). Safe to call twice. */
  unmount(): void;
}

/** Whether this machine lets the tests mount filesystems (root with CAP_SYS_ADMIN, ext4 tools present). */
export function canMountFilesystems(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'parley-mount-probe-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=1M', 'tmpfs', dir]);
    run('umount', [dir]);
    run('mkfs.ext4', ['-V']);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function unmounter(dir: string, extra: () => void = () => {}): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    try {
      run('umount', [dir]);
    } catch {
      try {
        run('umount', ['-l', dir]);
      } catch {
        // not mounted
      }
    }
    rmSync(dir, { recursive: true, force: true });
    extra();
  };
}

/** Mounts a tmpfs of `sizeMb` megabytes on a new directory. */
export function mountTmpfs(sizeMb: number): ScratchFilesystem {
  const dir = mkdtempSync(join(tmpdir(), 'parley-tmpfs-'));
  run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}M`, 'tmpfs', dir]);
  return { dir, unmount: unmounter(dir) };
}

/** Writes `file` until the filesystem has no byte left (ENOSPC); returns the bytes written. */
export function fillUntilFull(file: string): number {
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (const size of [1024 * 1024, 64 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      try {
        for (;;) written += writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

/** An ext4 filesystem in an image file, mounted through a loop device with `errors=remount-ro`. */
export interface Ext4Scratch extends ScratchFilesystem {
  /**
   * Turns the filesystem read-only under whoever has files open on it, as the kernel does after an I/O error
   * with `errors=remount-ro` (`mount -o remount,abort`); everything written before is flushed first. A plain
   * `mount -o remount,ro` is refused (EBUSY) while a process holds files open for writing.
   */
  abort(): void;
  /** Brings an aborted filesystem back read-write: unmount, `e2fsck -fy`, mount (nothing may hold files on it). */
  repair(): void;
  /** The `mount` line's options, e.g. `rw,relatime,abort,errors=remount-ro,emergency_ro`. */
  options(): string;
}

/** Creates a `sizeMb` megabyte ext4 image and mounts it on a new directory. */
export function mountExt4Image(sizeMb: number): Ext4Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'parley-ext4-'));
  const image = `${dir}.img`;
  run('truncate', ['-s', `${sizeMb}M`, image]);
  run('mkfs.ext4', ['-q', '-F', image]);
  const mount = () => run('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
  mount();
  return {
    dir,
    unmount: unmounter(dir, () => rmSync(image, { force: true })),
    abort() {
      run('sync', ['-f', dir]);
      run('mount', ['-o', 'remount,abort', dir]);
    },
    repair() {
      run('umount', [dir]);
      try {
        run('e2fsck', ['-f', '-y', image]);
      } catch (error) {
        // Exit status 1: errors corrected (the abort leaves the free counts stale). Anything else is a failure.
        if ((error as { status?: number }).status !== 1) throw error;
      }
      mount();
    },
    options() {
      const line = run('findmnt', ['-n', '-o', 'OPTIONS', '--target', dir]).trim();
      return line;
    },
  };
}
