import { execFile } from 'node:child_process';
import { statfsSync, writeFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tempDir } from './server.ts';

const run = promisify(execFile);

/** A real, small file system (tmpfs) that can be filled and emptied: the disk-full tests' disk. */
export interface SmallDisk {
  dir: string;
  freeBytes(): number;
  /** Writes a filler file so that about `leaveFree` bytes stay free. */
  fill(leaveFree: number): void;
  /** Removes the filler: the space comes back. */
  unfill(): void;
  unmount(): Promise<void>;
}

/** Mounts a tmpfs of `bytes`; returns why not when this machine will not let us (not root). */
export async function mountSmallDisk(bytes: number): Promise<SmallDisk | string> {
  const dir = tempDir('auxio-small-disk-');
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755`, 'tmpfs', dir]);
  } catch (err) {
    return `cannot mount a small tmpfs here (${(err as Error).message.split('\n')[0]}): needs root`;
  }
  const filler = `${dir}/filler`;
  const freeBytes = (): number => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    freeBytes,
    fill(leaveFree) {
      rmSync(filler, { force: true });
      writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes() - leaveFree)));
    },
    unfill: () => rmSync(filler, { force: true }),
    async unmount() {
      await run('umount', ['-l', dir]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
