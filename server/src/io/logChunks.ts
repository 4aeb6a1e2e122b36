// The bytes of one log input (a file or stdin), decompressed when they are gzip: detected by the
// magic bytes, not the file name, because rotated logs are often renamed. Whatever makes the input
// unreadable as a whole, or not to its end, becomes a LogInputError with a message a person can
// act on, thrown after every byte read before it was yielded.
import { open, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { gunzip, GzipError } from './gunzip.ts';
import { notText, otherCompression, TEXT_CHECK_BYTES } from './inputKind.ts';

export class LogInputError extends Error {}

export const STDIN_NAME = '-';

/** Bytes looked at to tell gzip or another compression (see inputKind.ts). */
const MAGIC_BYTES = 8;

/** Reads (and the pieces sent to workers) of 2 MiB: half the reads, messages and batches of 1 MiB; ingest measured ~5% faster. */
const CHUNK_BYTES = 2 << 20;

/** The path to open for a log given as `name` relative to `cwd` (stdin stays "-"). */
export const resolveIn = (cwd: string | undefined, name: string): string =>
  name === STDIN_NAME || cwd === undefined || isAbsolute(name) ? name : join(cwd, name);

/**
 * A file's bytes through two reused buffers: no allocation per chunk, and the next chunk is read
 * while the consumer works on this one (waiting for each read left the thread idle for a tenth
 * of the time). Each chunk is valid only until the next is requested; consumers copy what they keep.
 */
async function* fileChunks(path: string, from?: number): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  let position = from;
  let reading: Promise<{ bytesRead: number }> | undefined;
  try {
    const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
    // Position null: reads go on from the file's offset, so pipes and FIFOs read as well; one at a time.
    const read = async (buffer: Buffer): Promise<{ bytesRead: number }> => {
      const done = await handle.read(buffer, 0, buffer.length, position ?? null);
      if (position !== undefined) position += done.bytesRead;
      return done;
    };
    reading = read(buffers[0]!);
    for (let n = 0; ; n++) {
      const { bytesRead } = await reading;
      reading = undefined;
      if (bytesRead === 0) return;
      const buffer = buffers[n & 1]!;
      reading = read(buffers[(n + 1) & 1]!);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // A read still in flight must not land in a closed handle.
    await reading?.catch(() => undefined);
    await handle.close();
  }
}

/**
 * Checks what can be checked before reading: the file exists and is not a directory. Returns its
 * size on disk (undefined for stdin), for progress.
 */
export async function checkLogInput(name: string, path = name): Promise<number | undefined> {
  if (name === STDIN_NAME) return undefined;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new LogInputError('is a directory, not a log file');
    return s.size;
  } catch (e) {
    if (e instanceof LogInputError) throw e;
    throw new LogInputError(ioMessage(e));
  }
}

function ioMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a log file';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Yields the decompressed bytes of the log `name` ("-" = stdin), read from `path`. `onRawBytes`
 * counts bytes as read from the disk (compressed), for progress against the file size. A chunk
 * may be overwritten once the next one is requested: copy what must outlive it.
 */
export async function* logChunks(
  name: string,
  path: string,
  stdin: NodeJS.ReadableStream | undefined,
  onRawBytes: (n: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  let source: AsyncIterable<Buffer>;
  if (name === STDIN_NAME) {
    if (stdin === undefined) throw new LogInputError('standard input is not available');
    source = stdin as AsyncIterable<Buffer>;
  } else {
    await checkLogInput(name, path);
    source = fileChunks(path);
  }
  const raw = source[Symbol.asyncIterator]();
  // Enough bytes to tell a compression by its magic, however the input arrives (a pipe may give one byte).
  let head: Buffer = Buffer.alloc(0);
  try {
    while (head.length < MAGIC_BYTES) {
      const next = await raw.next();
      if (next.done) break;
      const chunk = asBuffer(next.value);
      onRawBytes(chunk.length);
      // Copied when joined: the file reader reuses its buffers.
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    }
  } catch (e) {
    throw new LogInputError(ioMessage(e));
  }
  if (head.length === 0) return;
  const counted = async function* (): AsyncGenerator<Buffer> {
    try {
      yield head;
      for (;;) {
        const next = await raw.next();
        if (next.done) return;
        const chunk = asBuffer(next.value);
        onRawBytes(chunk.length);
        yield chunk;
      }
    } finally {
      // Stopped early (an error, an abort): the file is closed now, not when collected.
      await raw.return?.();
    }
  };
  let bytes: AsyncIterable<Buffer>;
  if (head[0] === 0x1f && head[1] === 0x8b) {
    // A regular file can be read again, to decode a member once more after a data error (see gunzip).
    const regular = name !== STDIN_NAME && (await stat(path)).isFile();
    bytes = gunzip(counted(), regular ? (offset) => fileChunks(path, offset) : undefined);
  } else {
    const other = otherCompression(head);
    if (other) throw new LogInputError(other);
    bytes = counted();
  }
  // The text check sees the same bytes however the input arrives in chunks.
  let start: Buffer[] | undefined = [];
  let startBytes = 0;
  const checked = (): Buffer => {
    const whole = Buffer.concat(start!, startBytes);
    start = undefined;
    const why = notText(whole);
    if (why !== undefined) throw new LogInputError(why);
    return whole;
  };
  let failure: LogInputError | undefined;
  try {
    for await (const chunk of bytes) {
      signal?.throwIfAborted();
      if (start === undefined) {
        yield chunk;
        continue;
      }
      start.push(Buffer.from(chunk));
      startBytes += chunk.length;
      if (startBytes >= TEXT_CHECK_BYTES) yield checked();
    }
  } catch (e) {
    if (e instanceof LogInputError || signal?.aborted) throw e;
    failure = new LogInputError(e instanceof GzipError ? e.message : ioMessage(e));
  }
  // What was read before the input broke off comes first.
  if (start !== undefined && startBytes > 0) yield checked();
  if (failure) throw failure;
}

// Streams give Buffers, unless someone set an encoding on stdin.
const asBuffer = (v: Buffer | string): Buffer => (typeof v === 'string' ? Buffer.from(v) : v);
