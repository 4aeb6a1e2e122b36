// Worker threads that scan pieces of JSON lines into ScanBatches (see ingestWorker.ts). Started
// per read of large logs and ended after it; each worker keeps its own raw-key table, so its
// BatchBuilder ids are a lane of their own for the BatchApplier.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ScanBatch } from './batchBuilder.ts';

export interface PieceResult {
  readonly batch: ScanBatch;
  /** Lines in the piece (blank ones included). */
  readonly lines: number;
  /** The piece's buffer, handed back for the next piece (fresh memory costs page faults and GC). */
  readonly spare?: ArrayBuffer;
}

/** What goes to a worker: a piece of whole lines (its buffer is transferred), the line limit, whether to sum. */
export interface PieceMessage {
  readonly piece: Uint8Array;
  readonly maxBytes: number;
  readonly sum: boolean;
}

/** Pieces queued per worker: one being scanned, the next ones ready so it never waits. */
const MAX_IN_FLIGHT = 3;

/**
 * The worker's entry: next to the bundle (out/ingestWorker.js), or the source file when running
 * from sources under tsx (tests, the bench; the worker then loads it through tsx's require hook).
 * Undefined when absent: then everything is scanned on the calling thread.
 */
export function ingestWorkerFile(): string | undefined {
  return [join(__dirname, 'ingestWorker.js'), join(__dirname, 'ingestWorker.ts')].find((f) => existsSync(f));
}

/** Workers by default: one per core beyond the main thread's (which reads, applies and scans too). */
export const defaultWorkers = (): number => Math.min(3, availableParallelism() - 1);

interface Lane {
  readonly worker: Worker;
  readonly waiting: { resolve: (r: PieceResult) => void; reject: (e: Error) => void }[];
  failure?: Error;
}

export class IngestPool {
  private readonly lanes: Lane[] = [];

  constructor(file: string, workers: number) {
    for (let i = 0; i < workers; i++) {
      const worker = file.endsWith('.ts') ? new Worker(`require('tsx/cjs');require(${JSON.stringify(file)})`, { eval: true }) : new Worker(file);
      const lane: Lane = { worker, waiting: [] };
      const fail = (e: Error): void => {
        lane.failure = e;
        for (const w of lane.waiting.splice(0)) w.reject(e);
      };
      worker.on('message', (r: PieceResult) => lane.waiting.shift()?.resolve(r));
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`ingest worker stopped (exit code ${code})`)));
      this.lanes.push(lane);
    }
  }

  /**
   * Sends a piece to a worker that has room; returns its lane (1-based: 0 is the calling thread)
   * and the result to come, or undefined when every worker is busy.
   */
  post(piece: Uint8Array, maxBytes: number, sum: boolean): { readonly lane: number; readonly result: Promise<PieceResult> } | undefined {
    let best = -1;
    for (let i = 0; i < this.lanes.length; i++) {
      const l = this.lanes[i]!;
      if (l.failure === undefined && l.waiting.length < MAX_IN_FLIGHT && (best < 0 || l.waiting.length < this.lanes[best]!.waiting.length)) best = i;
    }
    if (best < 0) {
      const failed = this.lanes.find((l) => l.failure !== undefined);
      if (failed) throw failed.failure;
      return undefined;
    }
    const lane = this.lanes[best]!;
    const result = new Promise<PieceResult>((resolve, reject) => lane.waiting.push({ resolve, reject }));
    // Awaited in order later; a failure meanwhile must not count as unhandled.
    result.catch(() => undefined);
    const message: PieceMessage = { piece, maxBytes, sum };
    lane.worker.postMessage(message, [piece.buffer as ArrayBuffer]);
    return { lane: best + 1, result };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.lanes.map((l) => {
        l.worker.removeAllListeners('exit');
        return l.worker.terminate();
      }),
    );
  }
}
