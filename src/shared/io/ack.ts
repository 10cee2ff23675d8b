/**
 * One batch's acknowledgement. Every log span and state write of the batch takes a `settle` hook;
 * the ack resolves once all of them have settled (written, buffered for retry, or dropped), which is
 * the moment the main thread may forget the batch.
 */
import type { IoAck } from "../contracts/io-api.js";

/** Called exactly once per accepted item: how many of its records were accepted and dropped. */
export type Settle = (accepted: number, dropped: number) => void;

export class AckTally {
  private accepted = 0;
  private dropped = 0;
  // Starts at 1 for the submit call itself, released by seal(), so an early settle cannot resolve it.
  private open = 1;
  private resolve!: (ack: IoAck) => void;
  readonly done: Promise<IoAck>;

  constructor(private readonly seq: number) {
    this.done = new Promise((r) => {
      this.resolve = r;
    });
  }

  hold(): Settle {
    this.open++;
    let settled = false;
    return (accepted, dropped) => {
      if (settled) return;
      settled = true;
      this.accepted += accepted;
      this.dropped += dropped;
      this.release();
    };
  }

  /** Count records dropped before they were ever queued (e.g. a malformed span). */
  dropNow(records: number): void {
    this.dropped += records;
  }

  seal(): void {
    this.release();
  }

  private release(): void {
    if (--this.open === 0) this.resolve({ seq: this.seq, accepted: this.accepted, dropped: this.dropped });
  }
}
