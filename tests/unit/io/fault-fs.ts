/**
 * A counting, fault-injecting FsLike over the real file system, for the I/O service tests.
 * Faults: an errno on append/temp writes or opens, a short write, and a gate that stalls writes
 * (a slow disk) until released.
 */
import { basename } from "node:path";
import { type FileLike, type FsLike, nodeFs, type OpenFlags } from "../../../src/shared/io/fs-seam.js";

export function errno(code: string): Error {
  return Object.assign(new Error(`${code}: simulated failure`), { code });
}

export class FaultFs implements FsLike {
  readonly calls = {
    open: 0,
    close: 0,
    stat: 0,
    fstat: 0,
    readdir: 0,
    writev: 0,
    read: 0,
    bytesRead: 0,
    rename: 0,
    unlink: 0,
    readFile: 0,
    sync: 0,
    mkdirp: 0,
  };
  /** errno thrown by writev on files opened for writing ("a+" or "wx"). */
  writeError: string | null = null;
  /** errno thrown by open for writing. */
  openError: string | null = null;
  /** The next write on a writable file writes only this many bytes (once). */
  shortWriteBytes: number | null = null;
  /** While set, writes wait for it (a slow disk). */
  gate: Promise<void> | null = null;
  private writesInFlight = new Map<string, number>();
  maxWritesInFlightPerFile = 0;
  /** State saves of one stem between temp open and rename. */
  private savesInFlight = new Map<string, number>();
  maxSavesInFlightPerStem = 0;
  maxStatsInFlight = 0;
  private statsInFlight = 0;

  constructor(private readonly base: FsLike = nodeFs) {}

  /** Stall writes until the returned function is called. */
  stall(): () => void {
    let release!: () => void;
    this.gate = new Promise((r) => {
      release = r;
    });
    return () => {
      this.gate = null;
      release();
    };
  }

  async open(path: string, flags: OpenFlags, mode?: number): Promise<FileLike> {
    this.calls.open++;
    const writable = flags !== "r";
    if (writable && this.openError) throw errno(this.openError);
    const inner = await this.base.open(path, flags, mode);
    const key = basename(path);
    const stem = flags === "wx" ? key.split(".")[1]! : null;
    if (stem) this.bump(this.savesInFlight, stem, 1, "maxSavesInFlightPerStem");
    return {
      writev: async (buffers) => {
        this.calls.writev++;
        this.bump(this.writesInFlight, key, 1, "maxWritesInFlightPerFile");
        try {
          while (this.gate) await this.gate;
          if (writable && this.writeError) throw errno(this.writeError);
          if (writable && this.shortWriteBytes !== null) {
            const n = this.shortWriteBytes;
            this.shortWriteBytes = null;
            return await inner.writev([buffers[0]!.subarray(0, n)]);
          }
          return await inner.writev(buffers);
        } finally {
          this.bump(this.writesInFlight, key, -1, null);
        }
      },
      read: async (buffer, offset, length, position) => {
        this.calls.read++;
        const n = await inner.read(buffer, offset, length, position);
        this.calls.bytesRead += n;
        return n;
      },
      stat: () => {
        this.calls.fstat++;
        return inner.stat();
      },
      sync: () => {
        this.calls.sync++;
        return inner.sync();
      },
      close: async () => {
        this.calls.close++;
        await inner.close();
      },
    };
  }

  async stat(path: string) {
    this.calls.stat++;
    this.statsInFlight++;
    this.maxStatsInFlight = Math.max(this.maxStatsInFlight, this.statsInFlight);
    try {
      return await this.base.stat(path);
    } finally {
      this.statsInFlight--;
    }
  }

  readdir(path: string) {
    this.calls.readdir++;
    return this.base.readdir(path);
  }

  mkdirp(path: string, mode?: number) {
    this.calls.mkdirp++;
    return this.base.mkdirp(path, mode);
  }

  async rename(from: string, to: string) {
    this.calls.rename++;
    await this.base.rename(from, to);
    const name = basename(from);
    if (name.startsWith(".") && name.endsWith(".tmp"))
      this.bump(this.savesInFlight, name.split(".")[1]!, -1, null);
  }

  async unlink(path: string) {
    this.calls.unlink++;
    const name = basename(path);
    // A failed save removes its temp file: that save has ended.
    if (name.startsWith(".") && name.endsWith(".tmp"))
      this.bump(this.savesInFlight, name.split(".")[1]!, -1, null);
    await this.base.unlink(path);
  }

  readFile(path: string) {
    this.calls.readFile++;
    return this.base.readFile(path);
  }

  private bump(
    map: Map<string, number>,
    key: string,
    by: number,
    max: "maxWritesInFlightPerFile" | "maxSavesInFlightPerStem" | null,
  ): void {
    const v = (map.get(key) ?? 0) + by;
    if (v <= 0) map.delete(key);
    else map.set(key, v);
    if (max && v > this[max]) this[max] = v;
  }
}
