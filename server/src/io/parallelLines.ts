// JSON lines scanned on several threads. The main thread cuts the decompressed input after its
// last newline into pieces of whole lines and hands each to a worker with room (IngestPool), or
// scans it itself when all are busy; results are applied strictly in input order, so records,
// line numbers and errors are exactly those of the single-threaded LineSplitter.
import type { BatchApplier } from './batchApplier.ts';
import type { BatchBuilder } from './batchBuilder.ts';
import type { IngestPool, PieceResult } from './ingestPool.ts';
import { LineSplitter } from './lineSplitter.ts';
import { mib } from './recordSink.ts';

const NEWLINE = 10;
/** Pieces read ahead of the oldest unfinished one (about 2 MiB each): bounds memory. */
const MAX_PENDING = 8;
/** Pieces are a read chunk plus the line carried over: buffers of this size usually fit both. */
const PIECE_BYTES = 4 << 20;

/** Scans a piece of whole lines (the last one may lack its newline); positions from 1. */
export function scanPiece(builder: BatchBuilder, piece: Uint8Array, maxBytes: number): PieceResult {
  const splitter = new LineSplitter(builder, maxBytes);
  splitter.push(Buffer.from(piece.buffer, piece.byteOffset, piece.length));
  splitter.end();
  return { batch: builder.take(), lines: splitter.lines };
}

/** A piece's place in the output order: its result (to come from a worker) or a line too long to read. */
type Slot = { readonly lane: number; result: PieceResult | Promise<PieceResult> } | { readonly tooLong: number };

export class ParallelLines {
  /** Copies (chunks are reused) of the line that continues in the next chunk. */
  private carry: Buffer[] = [];
  private carryBytes = 0;
  /** The current line passed maxBytes: its bytes are counted up to its end, then it is reported. */
  private tooLong = -1;
  private readonly queue: Slot[] = [];
  /** Piece buffers back from the workers, to fill again. */
  private readonly spares: ArrayBuffer[] = [];
  /** `line`: the lines before the first one pushed; then the lines applied so far. */
  constructor(
    private readonly pool: IngestPool,
    private readonly builder: BatchBuilder,
    private readonly applier: BatchApplier,
    private readonly maxBytes: number,
    private line = 0,
  ) {}

  async push(chunk: Buffer): Promise<void> {
    let p = 0;
    const nl = chunk.indexOf(NEWLINE);
    // The first line continues one from earlier chunks, or goes on into later ones.
    if (this.tooLong >= 0 || this.carryBytes > 0 || nl < 0) {
      const lineBytes = (this.tooLong >= 0 ? this.tooLong : this.carryBytes) + (nl < 0 ? chunk.length : nl);
      if (lineBytes > this.maxBytes) {
        this.carry = [];
        this.carryBytes = 0;
        this.tooLong = lineBytes;
        if (nl < 0) return;
        this.queue.push({ tooLong: lineBytes });
        this.tooLong = -1;
        p = nl + 1;
      }
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= p) {
      this.dispatch(chunk, p, last + 1);
      p = last + 1;
    }
    if (p < chunk.length) {
      this.carry.push(Buffer.from(chunk.subarray(p)));
      this.carryBytes += chunk.length - p;
    }
    await this.drain(false);
  }

  async end(): Promise<void> {
    if (this.tooLong >= 0 || this.carryBytes > this.maxBytes) this.queue.push({ tooLong: Math.max(this.tooLong, this.carryBytes) });
    else if (this.carryBytes > 0) this.dispatch(Buffer.alloc(0), 0, 0);
    this.tooLong = -1;
    this.carry = [];
    this.carryBytes = 0;
    await this.drain(true);
  }

  /** Sends the carried bytes plus chunk[s, e) as one piece, to a worker or scanned here. */
  private dispatch(chunk: Buffer, s: number, e: number): void {
    const size = this.carryBytes + e - s;
    let spare = this.spares.pop();
    if (spare === undefined || spare.byteLength < size) spare = new ArrayBuffer(Math.max(size, PIECE_BYTES));
    const piece = Buffer.from(spare, 0, size);
    let o = 0;
    for (const part of this.carry) o += part.copy(piece, o);
    chunk.copy(piece, o, s, e);
    this.carry = [];
    this.carryBytes = 0;
    const sent = this.pool.post(piece, this.maxBytes, this.builder.sum);
    if (sent === undefined) {
      this.queue.push({ lane: 0, result: scanPiece(this.builder, piece, this.maxBytes) });
      this.spares.push(spare);
      return;
    }
    const slot: Slot = { lane: sent.lane, result: sent.result };
    // Noted when it comes, applied in order by a later drain.
    sent.result.then((r) => (slot.result = r), () => undefined);
    this.queue.push(slot);
  }

  /** Applies finished pieces in order; waits for the oldest when many are pending, or for all. */
  private async drain(all: boolean): Promise<void> {
    while (this.queue.length > 0) {
      const slot = this.queue[0]!;
      if ('tooLong' in slot) {
        this.line++;
        this.applier.error(this.line, `line is longer than ${mib(this.maxBytes)} (${slot.tooLong} bytes); not read`);
      } else {
        if (slot.result instanceof Promise) {
          if (!all && this.queue.length <= MAX_PENDING) return;
          slot.result = await slot.result;
        }
        this.applier.apply(slot.result.batch, slot.lane, this.line);
        if (slot.result.spare !== undefined) this.spares.push(slot.result.spare);
        this.line += slot.result.lines;
      }
      this.queue.shift();
    }
  }
}
