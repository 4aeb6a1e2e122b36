// Entry of an ingest worker thread (bundled as out/ingestWorker.js): scans the pieces of JSON lines
// it is sent and returns their records. See IngestPool and ParallelLines.
import { parentPort } from 'node:worker_threads';
import { BatchBuilder } from './batchBuilder.ts';
import type { PieceMessage } from './ingestPool.ts';
import { scanPiece } from './parallelLines.ts';

const builder = new BatchBuilder();
parentPort?.on('message', ({ piece, maxBytes }: PieceMessage) => {
  const result = scanPiece(builder, piece, maxBytes);
  parentPort?.postMessage(result, [result.batch.records.buffer]);
});
