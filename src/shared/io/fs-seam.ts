/**
 * The only door to the file system for the I/O service. Everything goes through `FsLike`, so tests
 * can count calls and inject ENOSPC, EACCES or a slow disk without touching a real device.
 * The default implementation is node:fs/promises; no synchronous calls are needed.
 */
import { mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";

export interface StatLike {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
}

/** "a+": append, readable (logs), "r": read (state header), "wx": create exclusively (state temp files). */
export type OpenFlags = "a+" | "r" | "wx";

export interface FileLike {
  /** One writev(2): the buffers in order. Resolves with the bytes written, which may be short. */
  writev(buffers: Uint8Array[]): Promise<number>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  stat(): Promise<StatLike>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FsLike {
  open(path: string, flags: OpenFlags, mode?: number): Promise<FileLike>;
  stat(path: string): Promise<StatLike>;
  readdir(path: string): Promise<string[]>;
  /** mkdir -p. */
  mkdirp(path: string, mode?: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<string>;
}

export const nodeFs: FsLike = {
  async open(path, flags, mode) {
    const h = await open(path, flags, mode);
    return {
      writev: async (buffers) => (await h.writev(buffers)).bytesWritten,
      read: async (buffer, offset, length, position) =>
        (await h.read(buffer, offset, length, position)).bytesRead,
      stat: () => h.stat(),
      sync: () => h.sync(),
      close: () => h.close(),
    };
  },
  stat: (path) => stat(path),
  readdir: (path) => readdir(path),
  async mkdirp(path, mode) {
    await mkdir(path, { recursive: true, mode });
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  readFile: (path) => readFile(path, "utf8"),
};

/** The buffers left after the first `skip` bytes have been written (views, no copy). */
export function skipBytes(buffers: Uint8Array[], skip: number): Uint8Array[] {
  let rest = skip;
  const out: Uint8Array[] = [];
  for (const b of buffers) {
    if (rest >= b.byteLength) {
      rest -= b.byteLength;
      continue;
    }
    out.push(rest > 0 ? b.subarray(rest) : b);
    rest = 0;
  }
  return out;
}

/** Write every byte, looping on short writes. Returns the number of write calls issued. */
export async function writeFully(file: FileLike, buffers: Uint8Array[]): Promise<number> {
  let left = buffers.filter((b) => b.byteLength > 0);
  let calls = 0;
  while (left.length > 0) {
    const n = await file.writev(left);
    calls++;
    if (n <= 0) throw Object.assign(new Error("write made no progress"), { code: "EIO" });
    left = skipBytes(left, n);
  }
  return calls;
}
