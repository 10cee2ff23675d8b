/**
 * node:fs/promises behind counters, so the naive baseline reports its file-system calls the way
 * ours reports IoStats. Each counted call maps to the syscalls libuv issues for it:
 * stat → statx; appendFile/writeFile(path) → openat + write + close; rename → rename.
 */
import { appendFile, mkdir, readdir, rename, stat, unlink, writeFile } from "node:fs/promises";

export class CountingFs {
  readonly counts = { stat: 0, open: 0, write: 0, close: 0, rename: 0, readdir: 0, unlink: 0, mkdir: 0 };
  bytesWritten = 0;

  async stat(path: string): Promise<{ size: number; mtimeMs: number } | null> {
    this.counts.stat++;
    try {
      return await stat(path);
    } catch {
      return null;
    }
  }

  async appendFile(path: string, data: string): Promise<void> {
    this.counts.open++;
    this.counts.write++;
    this.counts.close++;
    await appendFile(path, data);
    this.bytesWritten += Buffer.byteLength(data);
  }

  async writeFile(path: string, data: string): Promise<void> {
    this.counts.open++;
    this.counts.write++;
    this.counts.close++;
    await writeFile(path, data);
    this.bytesWritten += Buffer.byteLength(data);
  }

  async rename(from: string, to: string): Promise<void> {
    this.counts.rename++;
    await rename(from, to);
  }

  async readdir(path: string): Promise<string[]> {
    this.counts.readdir++;
    return readdir(path);
  }

  async unlink(path: string): Promise<void> {
    this.counts.unlink++;
    await unlink(path);
  }

  async mkdirp(path: string): Promise<void> {
    this.counts.mkdir++;
    await mkdir(path, { recursive: true });
  }

  /** Syscalls on log files per the mapping above. */
  get syscalls(): number {
    const c = this.counts;
    return c.stat + c.open + c.write + c.close + c.rename + c.unlink;
  }
}
