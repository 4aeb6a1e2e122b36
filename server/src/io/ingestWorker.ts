// Entry of an ingest worker thread (bundled as out/ingestWorker.js): scans the pieces of JSON lines
// it is sent and returns their records. See IngestPool and ParallelLines.
import { parentPort } from 'node:worker_threads';
import { BatchBuilder } from './batchBuilder.ts';
import type { PieceMessage, PieceResult } from './ingestPool.ts';
import { scanPiece } from './parallelLines.ts';

const builder = new BatchBuilder();
parentPort?.on('message', ({ piece, maxBytes, sum }: PieceMessage) => {
  builder.sum = sum;
  const result: PieceResult = { ...scanPiece(builder, piece, maxBytes), spare: piece.buffer as ArrayBuffer };
  parentPort?.postMessage(result, [result.batch.records.buffer, result.spare!]);
});
