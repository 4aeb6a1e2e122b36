// Reads audit logs into a ReplayIndex: files in order ("-" = stdin), gzip or not, JSON lines or
// lists. Every event is counted; everything else becomes an error with its file and line. Used by
// the CLI and the language server alike.
import type { ReplayError, ReplayIndex } from '../core/replay/replayIndex.ts';
import { BatchApplier } from './batchApplier.ts';
import { BatchBuilder } from './batchBuilder.ts';
import { defaultWorkers, IngestPool, ingestWorkerFile } from './ingestPool.ts';
import { checkLogInput, LogInputError, logChunks, resolveIn } from './logChunks.ts';
import type { LogRecord } from './logRecord.ts';
import { ParallelLines } from './parallelLines.ts';
import { splitLogRecords } from './splitLogRecords.ts';

export const DEFAULT_MAX_EVENT_BYTES = 64 << 20;
/**
 * Logs from this size on (on disk) are scanned on worker threads too. Below it a worker does not
 * pay for itself on 2 cores (its start, its JIT warming up, the first sight of each request on
 * each thread): at 160 MB both took as long, at 400 MB the worker saved ~15 %, at 1.6 GB ~27 %.
 */
export const PARALLEL_MIN_BYTES = 256 << 20;

export interface ReadProgress {
  /** The log being read, as given. */
  readonly file: string;
  readonly fileIndex: number;
  readonly fileCount: number;
  /** Bytes read from disk so far over all logs (compressed for .gz). */
  readonly bytes: number;
  readonly events: number;
  readonly errors: number;
}

export type { LogRecord } from './logRecord.ts';

export interface ReadOptions {
  readonly stdin?: NodeJS.ReadableStream;
  readonly signal?: AbortSignal;
  /** Called after every chunk read (about 2 MiB); throttle in the caller if needed. */
  readonly onProgress?: (p: ReadProgress) => void;
  readonly onRecord?: (r: LogRecord) => void;
  readonly afterChunk?: () => Promise<void> | void;
  readonly maxEventBytes?: number;
  /** Relative paths are read from here (default: the process's working directory). */
  readonly cwd?: string;
  /**
   * JSON-lines logs of at least `minBytes` on disk (default PARALLEL_MIN_BYTES; stdin counts as 0)
   * are also scanned by `workers` worker threads (default: one per further core, 0 = none).
   * `workerFile` replaces the bundled worker entry (undefined: there is none, scan in-thread).
   */
  readonly parallel?: { readonly workers?: number; readonly minBytes?: number; readonly workerFile?: string | undefined };
}

export interface ReadResult {
  /** Logs that could not be read, or not to the end (also in the index's errors, line null). */
  readonly inputErrors: readonly ReplayError[];
}

export async function readAuditLogs(paths: readonly string[], index: ReplayIndex, options: ReadOptions = {}): Promise<ReadResult> {
  const inputErrors: ReplayError[] = [];
  const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  // Lane 0: what this thread scans. Its raw-key table lives across files, as each worker's does.
  const builder = new BatchBuilder();
  builder.sum = options.onRecord === undefined;
  const applier = new BatchApplier(index, options.onRecord);
  const workers = options.parallel?.workers ?? defaultWorkers();
  const minBytes = options.parallel?.minBytes ?? PARALLEL_MIN_BYTES;
  const workerFile = workers > 0 ? ('workerFile' in (options.parallel ?? {}) ? options.parallel?.workerFile : ingestWorkerFile()) : undefined;
  let pool: IngestPool | undefined;
  let bytes = 0;
  try {
    for (let f = 0; f < paths.length; f++) {
      const file = paths[f]!;
      index.files.push(file);
      applier.file = file;
      const flush = (): void => applier.apply(builder.take(), 0, 0);
      const progress = (): void =>
        options.onProgress?.({ file, fileIndex: f, fileCount: paths.length, bytes, events: index.events, errors: index.errorCount });
      try {
        const path = resolveIn(options.cwd, file);
        // Large logs only (see PARALLEL_MIN_BYTES).
        const parallel = workerFile !== undefined && ((await checkLogInput(file, path)) ?? 0) >= minBytes;
        if (parallel) pool ??= new IngestPool(workerFile, workers);
        const chunks = logChunks(file, path, options.stdin, (n) => (bytes += n), options.signal);
        await splitLogRecords(chunks, builder, {
          maxEventBytes,
          lines:
            pool !== undefined && parallel
              ? (line) => {
                  // Pieces are applied as they finish: what this thread read before them goes first.
                  flush();
                  return new ParallelLines(pool!, builder, applier, maxEventBytes, line);
                }
              : undefined,
          afterChunk: async () => {
            flush();
            progress();
            await options.afterChunk?.();
          },
        });
      } catch (e) {
        if (!(e instanceof LogInputError)) throw e;
        // What was read before the input broke off comes first.
        flush();
        const error: ReplayError = { file, line: null, message: e.message };
        inputErrors.push(error);
        applier.error(null, e.message);
      }
      progress();
    }
  } finally {
    await pool?.close();
  }
  return { inputErrors };
}
