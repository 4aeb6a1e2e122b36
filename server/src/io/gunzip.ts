// gzip (RFC 1952) decoded member by member, so that nothing decoded is lost to an error after it.
// Node's own Gunzip throws away the output of the zlib call that failed (up to a whole output
// chunk: thousands of events) and reads trailing garbage as a broken next member. Here the
// members are framed in JavaScript, each one's deflate data goes through a raw inflater, the
// trailer (CRC-32, length) is checked here, and an error is thrown only after everything decoded
// before it has been yielded: at least what `gzip -dc` writes (which loses its last partial 32 KiB
// window on a data error).
//
// A data error inside a member still costs zlib's last call (its output is never handed over).
// Small calls would bound that, but cost twice the CPU time of decoding (measured), for an error
// that almost never comes. So members are decoded in large calls, and after a data error the
// member is decoded once more from its start, up to where the error was found a few bytes at a
// time: a file is read again (`reread`); of standard input, the compressed bytes of the member
// are kept while they are few (MAX_KEPT_MEMBER), else the error costs up to one large call.
import { constants, crc32, createInflateRaw, type InflateRaw } from 'node:zlib';

/** Why the compressed stream could not be read to its end; what was decoded before it has been yielded. */
export class GzipError extends Error {}

/** zlib's output per call. */
const OUTPUT_PIECE = 2 << 20;
/** Compressed bytes of a member of standard input kept to decode it again: rotated logs' members are smaller. */
const MAX_KEPT_MEMBER = 32 << 20;
/** Compressed bytes per write: bounds the output held between two yields. */
const INPUT_PIECE = 512 << 10;
/** Compressed bytes per write where a data error was found, when decoding again. */
const RECOVERY_PIECE = 64;
/** Decoded bytes gathered before a chunk is yielded (the splitters work best on large chunks). */
const CHUNK_BYTES = 2 << 20;

const ID1 = 0x1f;
const ID2 = 0x8b;
const DEFLATE = 8;
const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const RESERVED = 0xe0;

/** The same input again from a byte offset (a file's bytes), for decoding a member a second time. */
export type Reread = (offset: number) => AsyncIterable<Buffer>;

/**
 * The decoded bytes of the gzip stream `raw` (which must start with a member), in chunks that are
 * the caller's to keep. Trailing zero bytes (padding) are ignored as gzip does; anything else
 * after the last member is a GzipError, thrown after all the members before it were yielded.
 */
export async function* gunzip(raw: AsyncIterable<Buffer>, reread?: Reread): AsyncGenerator<Buffer> {
  const input = new ByteQueue(raw[Symbol.asyncIterator]());
  try {
    for (let member = 1; ; member++) {
      if (member > 1 && (await input.skipZeros())) return;
      const at = input.offset;
      await readHeader(input, member, at);
      yield* inflateMember(input, reread);
    }
  } finally {
    await input.close();
  }
}

async function readHeader(input: ByteQueue, member: number, at: number): Promise<void> {
  const fixed = await input.take(10, 10);
  if (member > 1 && (fixed[0] !== ID1 || fixed[1] !== ID2)) {
    throw new GzipError(`data after the end of the gzip stream (at byte ${at}); not read`);
  }
  if (fixed.length < 10) throw truncated();
  const flags = fixed[3]!;
  if (fixed[0] !== ID1 || fixed[1] !== ID2 || fixed[2] !== DEFLATE || (flags & RESERVED) !== 0) {
    throw new GzipError(`corrupt gzip data (bad header of member ${member}, at byte ${at})`);
  }
  if (flags & FEXTRA) {
    const length = await input.take(2, 2);
    if (length.length < 2) throw truncated();
    await input.skip(length.readUInt16LE(0));
  }
  if (flags & FNAME) await input.skipPast(0);
  if (flags & FCOMMENT) await input.skipPast(0);
  if (flags & FHCRC) await input.skip(2);
}

const truncated = (): GzipError => new GzipError('truncated gzip data (the file ends inside the compressed stream)');

/** A raw inflater written to one piece at a time, its output gathered, its error kept. */
class Inflater {
  private readonly zlib: InflateRaw;
  readonly out = new Output();
  failure: Error | undefined;
  private wake: (() => void) | undefined;
  /** Compressed bytes written. */
  written = 0;

  constructor(outputPiece: number) {
    this.zlib = createInflateRaw({ chunkSize: outputPiece, finishFlush: constants.Z_SYNC_FLUSH });
    this.zlib.on('data', (d: Buffer) => this.out.add(d));
    // zlib reports a data error through 'error' only (the write's callback never comes).
    this.zlib.on('error', (e: Error) => {
      this.failure = e;
      this.wake?.();
    });
  }

  /** Writes a piece; resolves once it is decoded, or on a data error. */
  write(piece: Buffer): Promise<void> {
    this.written += piece.length;
    return this.settle((done) => this.zlib.write(piece, done));
  }

  /** Flushes what the inflater holds (the input ended). */
  end(): Promise<void> {
    return this.settle((done) => this.zlib.end(done));
  }

  /** Compressed bytes the inflater used: fewer than written once the deflate data has ended. */
  get consumed(): number {
    return this.zlib.bytesWritten;
  }

  destroy(): void {
    this.zlib.destroy();
  }

  private settle(start: (done: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      start(() => resolve());
    });
  }
}

/** One member's deflate data and trailer: yields its output, then checks it against the trailer. */
async function* inflateMember(input: ByteQueue, reread: Reread | undefined): AsyncGenerator<Buffer> {
  const start = input.offset;
  const inflater = new Inflater(OUTPUT_PIECE);
  const out = inflater.out;
  // Without a file to read again, the member's compressed bytes, while they are few.
  let kept: Buffer[] | undefined = reread === undefined ? [] : undefined;
  try {
    for (;;) {
      const piece = await input.take(INPUT_PIECE, INPUT_PIECE);
      if (piece.length === 0) {
        // The input ended inside the deflate data: flush what it holds, then say so.
        await inflater.end();
        yield* out.drain(true);
        throw inflater.failure === undefined ? truncated() : dataError(inflater.failure);
      }
      const writing = inflater.write(piece);
      kept?.push(piece);
      if (inflater.written > MAX_KEPT_MEMBER) kept = undefined;
      // What the last write gave is handed on while this one is decoded.
      yield* out.drain(false);
      await writing;
      if (inflater.failure !== undefined) {
        yield* out.drain(true);
        const again = reread?.(start) ?? kept;
        if (again !== undefined) yield* decodeAgain(again, inflater.consumed, inflater.written, out.size);
        throw dataError(inflater.failure);
      }
      // The raw inflater stops at the end of the deflate data; the rest is the trailer and beyond.
      const unused = inflater.written - inflater.consumed;
      if (unused > 0) {
        input.unread(piece.subarray(piece.length - unused));
        break;
      }
    }
    yield* out.drain(true);
  } finally {
    inflater.destroy();
  }
  const trailer = await input.take(8, 8);
  if (trailer.length < 8) throw truncated();
  if (trailer.readUInt32LE(0) !== out.crc) throw new GzipError('corrupt gzip data (incorrect data check)');
  if (trailer.readUInt32LE(4) !== out.size % 2 ** 32) throw new GzipError('corrupt gzip data (incorrect length check)');
}

/**
 * After a data error: the member's deflate data (`again`, from its start) decoded once more, the
 * `consumed` bytes zlib had taken without error in large writes, the rest up to `written` in tiny
 * ones, so that zlib's last call before the error gives up almost nothing. Yields what comes after
 * the `delivered` bytes of output already handed on.
 */
async function* decodeAgain(again: AsyncIterable<Buffer> | Iterable<Buffer>, consumed: number, written: number, delivered: number): AsyncGenerator<Buffer> {
  const input = new ByteQueue(Symbol.asyncIterator in again ? again[Symbol.asyncIterator]() : again[Symbol.iterator]());
  const inflater = new Inflater(OUTPUT_PIECE);
  try {
    while (inflater.written < written && inflater.failure === undefined) {
      const size = inflater.written < consumed ? Math.min(INPUT_PIECE, consumed - inflater.written) : RECOVERY_PIECE;
      const piece = await input.take(1, Math.min(size, written - inflater.written));
      if (piece.length === 0) break;
      await inflater.write(piece);
      inflater.out.discard(delivered);
      yield* inflater.out.drain(false);
    }
    inflater.out.discard(delivered);
    yield* inflater.out.drain(true);
  } finally {
    inflater.destroy();
    await input.close();
  }
}

const dataError = (e: Error): GzipError => new GzipError(`corrupt gzip data (${e.message})`);

/** A member's output: its CRC-32 and length so far, and the pieces not yet yielded. */
class Output {
  crc = 0;
  size = 0;
  private pieces: Buffer[] = [];
  private bytes = 0;

  add(d: Buffer): void {
    this.crc = crc32(d, this.crc);
    this.size += d.length;
    this.pieces.push(d);
    this.bytes += d.length;
  }

  /** Drops what lies within the first `bytes` of the output (handed on before). */
  discard(bytes: number): void {
    let before = this.size - this.bytes;
    while (this.pieces.length > 0 && before < bytes) {
      const first = this.pieces[0]!;
      const drop = Math.min(first.length, bytes - before);
      before += drop;
      this.bytes -= drop;
      if (drop === first.length) this.pieces.shift();
      else this.pieces[0] = first.subarray(drop);
    }
  }

  /**
   * The pieces gathered, once there are enough of them (or `all`): large ones as they are, small
   * ones joined (the splitters work best on large chunks; copying large ones would cost time).
   */
  *drain(all: boolean): Generator<Buffer> {
    if (this.bytes === 0 || (!all && this.bytes < CHUNK_BYTES)) return;
    const pieces = this.pieces;
    this.pieces = [];
    this.bytes = 0;
    let run: Buffer[] = [];
    let runBytes = 0;
    for (const piece of pieces) {
      if (piece.length >= CHUNK_BYTES / 2) {
        if (runBytes > 0) yield joined(run, runBytes);
        yield piece;
      } else {
        run.push(piece);
        runBytes += piece.length;
        if (runBytes < CHUNK_BYTES) continue;
        yield joined(run, runBytes);
      }
      run = [];
      runBytes = 0;
    }
    if (runBytes > 0) yield joined(run, runBytes);
  }
}

const joined = (parts: readonly Buffer[], bytes: number): Buffer => (parts.length === 1 ? parts[0]! : Buffer.concat(parts, bytes));

/** The compressed input as a queue of bytes: taken in pieces, some put back, offsets counted. */
class ByteQueue {
  /** Bytes read but not taken (copies: the source may reuse its buffers). */
  private queue: Buffer[] = [];
  private queued = 0;
  private done = false;
  /** Input offset of the next byte to be taken. */
  offset = 0;

  constructor(private readonly source: AsyncIterator<Buffer> | Iterator<Buffer>) {}

  /** Reads until at least n bytes are queued or the input ends. */
  private async fill(n: number): Promise<void> {
    while (this.queued < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else if (next.value.length > 0) {
        this.queue.push(Buffer.from(next.value));
        this.queued += next.value.length;
      }
    }
  }

  /** Takes at least `min` bytes (fewer only at the end of the input) and at most `max`. */
  async take(min: number, max: number): Promise<Buffer> {
    await this.fill(min);
    const n = Math.min(max, this.queued);
    if (n === 0) return Buffer.alloc(0);
    let first = this.queue[0]!;
    if (first.length < n) {
      first = Buffer.concat(this.queue, this.queued);
      this.queue = [first];
    }
    const taken = first.subarray(0, n);
    if (first.length === n) this.queue.shift();
    else this.queue[0] = first.subarray(n);
    this.queued -= n;
    this.offset += n;
    return taken;
  }

  /** Stops reading (the source is closed). */
  async close(): Promise<void> {
    this.done = true;
    await this.source.return?.();
  }

  /** Puts bytes just taken back in front. */
  unread(b: Buffer): void {
    if (b.length === 0) return;
    this.queue.unshift(b);
    this.queued += b.length;
    this.offset -= b.length;
  }

  async skip(n: number): Promise<void> {
    const skipped = await this.take(n, n);
    if (skipped.length < n) throw truncated();
  }

  /** Skips up to and including the next byte `value` (a zero-terminated header field). */
  async skipPast(value: number): Promise<void> {
    for (;;) {
      await this.fill(1);
      const first = this.queue[0];
      if (first === undefined) throw truncated();
      const at = first.indexOf(value);
      await this.take(1, at < 0 ? first.length : at + 1);
      if (at >= 0) return;
    }
  }

  /** Skips zero bytes; true when nothing else is left. */
  async skipZeros(): Promise<boolean> {
    for (;;) {
      await this.fill(1);
      const first = this.queue[0];
      if (first === undefined) return true;
      let k = 0;
      while (k < first.length && first[k] === 0) k++;
      if (k === 0) return false;
      await this.take(k, k);
    }
  }
}
