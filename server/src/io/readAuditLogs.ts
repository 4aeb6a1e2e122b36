// Reads audit logs into a ReplayIndex: files in order ("-" = stdin), gzip or not, JSON lines or
// lists. Every event is counted; everything else becomes an error with its file and line. Used by
// the CLI and the language server alike.
import { LEVELS, STAGES } from '../core/model.ts';
import { codeOf, type ReplayError, type ReplayIndex } from '../core/replay/replayIndex.ts';
import { LogInputError, logChunks, resolveIn } from './logChunks.ts';
import type { RecordSink } from './recordSink.ts';
import { RawKeyCache } from './rawKeyCache.ts';
import { EventScanner } from './scanEvent.ts';
import { splitLogRecords } from './splitLogRecords.ts';

export const DEFAULT_MAX_EVENT_BYTES = 64 << 20;

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

/** One event or error, in input order; `key` is the ReplayIndex key id. */
export type LogRecord =
  | { readonly file: string; readonly line: number; readonly key: number }
  | { readonly file: string; readonly line: number | null; readonly error: string };

export interface ReadOptions {
  readonly stdin?: NodeJS.ReadableStream;
  readonly signal?: AbortSignal;
  /** Called after every chunk read (about 1 MiB); throttle in the caller if needed. */
  readonly onProgress?: (p: ReadProgress) => void;
  readonly onRecord?: (r: LogRecord) => void;
  readonly afterChunk?: () => Promise<void> | void;
  readonly maxEventBytes?: number;
  /** Relative paths are read from here (default: the process's working directory). */
  readonly cwd?: string;
}

export interface ReadResult {
  /** Logs that could not be read, or not to the end (also in the index's errors, line null). */
  readonly inputErrors: readonly ReplayError[];
}

export async function readAuditLogs(paths: readonly string[], index: ReplayIndex, options: ReadOptions = {}): Promise<ReadResult> {
  const inputErrors: ReplayError[] = [];
  const scanner = new EventScanner();
  const cache = new RawKeyCache();
  let bytes = 0;
  for (let f = 0; f < paths.length; f++) {
    const file = paths[f]!;
    index.files.push(file);
    const sink = eventSink(file, index, scanner, cache, options.onRecord);
    const progress = (): void =>
      options.onProgress?.({ file, fileIndex: f, fileCount: paths.length, bytes, events: index.events, errors: index.errorCount });
    try {
      const chunks = logChunks(file, resolveIn(options.cwd, file), options.stdin, (n) => (bytes += n), options.signal);
      await splitLogRecords(chunks, sink, {
        maxEventBytes: options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
        afterChunk: async () => {
          progress();
          await options.afterChunk?.();
        },
      });
    } catch (e) {
      if (!(e instanceof LogInputError)) throw e;
      const error: ReplayError = { file, line: null, message: e.message };
      inputErrors.push(error);
      index.addError(error);
      options.onRecord?.({ file, line: null, error: e.message });
    }
    progress();
  }
  return { inputErrors };
}

function eventSink(file: string, index: ReplayIndex, scanner: EventScanner, cache: RawKeyCache, onRecord: ReadOptions['onRecord']): RecordSink {
  const error = (line: number | null, message: string): void => {
    index.addError({ file, line, message });
    onRecord?.({ file, line, error: message });
  };
  const accept = (id: number, line: number, stage: number, level: number, bytes: number, req: number, resp: number): void => {
    if (id < 0) return error(line, index.lastRejection);
    index.addEvent(id, stage, level, bytes, req, resp);
    onRecord?.({ file, line, key: id });
  };
  // What the scanner declines, JSON.parse decides; its verdict is the reference.
  const slow = (b: Buffer, s: number, e: number, line: number): void => {
    let event: unknown;
    try {
      event = JSON.parse(b.toString('utf8', s, e));
    } catch (err) {
      return error(line, `invalid JSON: ${(err as Error).message}`);
    }
    const o = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    accept(index.intern(event), line, codeOf(STAGES, o['stage']), codeOf(LEVELS, o['level']), e - s, bodyBytes(o, 'requestObject'), bodyBytes(o, 'responseObject'));
  };
  return {
    error,
    record(b, s, e, line) {
      if (!scanner.scan(b, s, e)) return slow(b, s, e, line);
      const hash = scanner.keyHash();
      let id = cache.get(scanner, hash);
      if (id === undefined) {
        let decoded: unknown;
        try {
          decoded = scanner.decode();
        } catch {
          return slow(b, s, e, line);
        }
        id = index.intern(decoded);
        if (id >= 0) cache.set(scanner, hash, id);
      }
      accept(id, line, scanner.stage(), scanner.level(), e - s, scanner.requestBodyBytes(), scanner.responseBodyBytes());
    },
  };
}

/** A body's size re-serialised (the scanner declined the event, so its raw range is unknown). */
function bodyBytes(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (v === undefined || v === null) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(v)) + key.length + 4;
  } catch {
    // Nested deeper than JSON.stringify's stack allows: counted as part of the event, not as a body.
    return 0;
  }
}

