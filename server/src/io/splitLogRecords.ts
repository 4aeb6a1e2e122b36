// Cuts one decompressed log into event records. The format is told from the content, not the file
// name, by its first value:
// - a value that fits on the first line, with more lines after it: JSON lines (the log backend's
//   format), every line a record of its own, the first one too (a list there is not an Event);
// - a list (a JSON array, or an object whose "items" is an array) that is the whole input, or
//   that starts on the first line and goes on over several: a list, its items the events;
// - a first line that does not close its object, followed by a line that does not start an
//   object: pretty-printed JSON, values one after another. If that first value turns out not to
//   be one, the guess was wrong: its lines are read as JSON lines, and the format is guessed
//   again from the line after them (ValueSplitter.handoff), so the guess never costs an event;
// - anything else: JSON lines.
import { isListObject, lastItemsIsArray } from './eventList.ts';
import { sharedStructure } from './jsonStructure.ts';
import { LineSplitter } from './lineSplitter.ts';
import { LogInputError } from './logChunks.ts';
import type { ListSink } from './recordSink.ts';
import { ValueSplitter } from './valueSplitter.ts';
import { hasByteOrderMark } from './byteOrderMark.ts';

export interface SplitOptions {
  /** Records larger than this are reported, not read (memory stays bounded). */
  readonly maxEventBytes: number;
  /** Awaited after each chunk: lets a consumer apply backpressure (e.g. a full stdout). */
  readonly afterChunk?: () => Promise<void> | void;
  /** Reads JSON lines instead of a LineSplitter into the sink (e.g. on worker threads), `line` lines in. */
  readonly lines?: (line: number) => Splitter;
}

export type Splitter = { push(b: Buffer): Promise<void> | void; end(): Promise<void> | void };

export type Format = 'lines' | 'values';

/** The largest piece handed to a splitter at once (a head may be longer; the splitters work on chunks). */
const PIECE_BYTES = 2 << 20;
const EMPTY = Buffer.alloc(0);

export async function splitLogRecords(chunks: AsyncIterable<Buffer>, sink: ListSink, options: SplitOptions): Promise<void> {
  const reader = new FormatReader(sink, options);
  try {
    for await (const chunk of chunks) {
      await reader.push(chunk);
      await options.afterChunk?.();
    }
  } catch (e) {
    if (!(e instanceof LogInputError)) throw e;
    // The input broke off (truncated gzip, read error): what came before is read, what was cut mid-event reported.
    await reader.end();
    throw e;
  }
  await reader.end();
  await options.afterChunk?.();
}

/** What the input is being read as: the head gathered to guess its format, values, lines, or the lines of a wrong guess. */
type Phase =
  | { readonly kind: 'head'; readonly head: Head }
  | { readonly kind: 'values'; readonly splitter: ValueSplitter }
  | { readonly kind: 'lines'; readonly splitter: Splitter }
  | { readonly kind: 'region'; readonly splitter: LineSplitter; need: number };

/** Reads one input in the format its head shows, guessing again after a guess that was wrong. */
class FormatReader {
  private phase: Phase;

  constructor(
    private readonly sink: ListSink,
    private readonly options: SplitOptions,
  ) {
    this.phase = { kind: 'head', head: new Head(options.maxEventBytes, 0) };
  }

  async push(chunk: Buffer): Promise<void> {
    let rest = chunk;
    while (rest.length > 0) rest = await this.step(rest);
  }

  async end(): Promise<void> {
    for (;;) {
      const phase = this.phase;
      if (phase.kind === 'head') {
        if (phase.head.bytes === 0) return;
        const bytes = phase.head.take();
        this.begin(phase.head.decide(bytes), phase.head);
        await this.push(bytes);
        continue;
      }
      await phase.splitter.end();
      if (phase.kind !== 'values' || phase.splitter.handoff === undefined) return;
      await this.push(this.region(phase.splitter));
    }
  }

  /** Reads from the start of b; returns what is left for the next phase. */
  private async step(b: Buffer): Promise<Buffer> {
    const phase = this.phase;
    switch (phase.kind) {
      case 'head': {
        const format = phase.head.add(b);
        if (format === undefined) return EMPTY;
        const bytes = phase.head.take();
        this.begin(format, phase.head);
        return bytes;
      }
      case 'values': {
        const piece = b.subarray(0, PIECE_BYTES);
        phase.splitter.push(piece);
        if (phase.splitter.handoff === undefined) return b.subarray(piece.length);
        const region = this.region(phase.splitter);
        return piece.length === b.length ? region : Buffer.concat([region, b.subarray(piece.length)]);
      }
      case 'lines': {
        const piece = b.subarray(0, PIECE_BYTES);
        await phase.splitter.push(piece);
        return b.subarray(piece.length);
      }
      case 'region': {
        // The value's bytes, then to the end of its last line: after that, the format is guessed again.
        let take = Math.min(phase.need, b.length);
        phase.need -= take;
        let done = false;
        if (phase.need === 0) {
          const nl = b.indexOf(10, take);
          done = nl >= 0;
          take = done ? nl + 1 : b.length;
        }
        phase.splitter.push(b.subarray(0, take));
        if (done) {
          phase.splitter.end();
          this.phase = { kind: 'head', head: new Head(this.options.maxEventBytes, phase.splitter.lines) };
        }
        return b.subarray(take);
      }
    }
  }

  private begin(format: Format, head: Head): void {
    const { maxEventBytes } = this.options;
    this.phase =
      format === 'values'
        ? { kind: 'values', splitter: new ValueSplitter(this.sink, maxEventBytes, head.line, head.line === 0) }
        : { kind: 'lines', splitter: this.options.lines?.(head.line) ?? new LineSplitter(this.sink, maxEventBytes, head.line) };
  }

  /** After a wrong guess: its lines are read as lines (returned: the bytes to read on from). */
  private region(values: ValueSplitter): Buffer {
    const handoff = values.handoff!;
    this.phase = { kind: 'region', splitter: new LineSplitter(this.sink, this.options.maxEventBytes, handoff.line), need: handoff.valueBytes };
    return handoff.bytes;
  }
}

/** The start of (the rest of) an input, gathered until its format shows: at most `limit` bytes, one event's worth. */
class Head {
  private parts: Buffer[] = [];
  bytes = 0;
  /** Whether a newline has come: before it, nothing can be decided. */
  private newline = false;

  /** `line`: the lines before it (0: the head is the input's start). */
  constructor(
    private readonly limit: number,
    readonly line: number,
  ) {}

  /** Adds a chunk (copied: the reader reuses its chunks); the format once it shows. */
  add(chunk: Buffer): Format | undefined {
    const b = Buffer.from(this.line === 0 && this.bytes === 0 ? withoutBom(chunk) : chunk);
    this.parts.push(b);
    this.bytes += b.length;
    this.newline ||= b.includes(10);
    if (!this.newline && this.bytes < this.limit) return undefined;
    return formatOf(this.whole(), false, this.bytes >= this.limit, this.line === 0);
  }

  /** The format of the head taken at the end of the input. */
  decide(bytes: Buffer): Format {
    return formatOf(bytes, true, false, this.line === 0)!;
  }

  /** The bytes gathered (the head is empty after). */
  take(): Buffer {
    const whole = this.whole();
    this.parts = [];
    this.bytes = 0;
    return whole;
  }

  private whole(): Buffer {
    if (this.parts.length > 1) this.parts = [Buffer.concat(this.parts, this.bytes)];
    return this.parts[0] ?? EMPTY;
  }
}

const withoutBom = (b: Buffer): Buffer => (hasByteOrderMark(b) ? b.subarray(3) : b);

const isSpace = (c: number | undefined): boolean => c === 32 || c === 10 || c === 13 || c === 9;

const LBRACE = 123;
const LBRACKET = 91;

function skipSpace(b: Buffer, p: number, e = b.length): number {
  while (p < e && isSpace(b[p])) p++;
  return p;
}

/**
 * The format, once the head says (see above); undefined while more bytes are needed. `ended`: the
 * head is the whole input; `full`: no more will be gathered (a first line this long is either a
 * list, streamed, or a line too long to read); `atStart`: the head is the input's start (after a
 * wrong guess the input has shown lines: a last line that is a list is a line).
 */
export function formatOf(head: Buffer, ended: boolean, full = false, atStart = true): Format | undefined {
  const p = skipSpace(head, 0);
  if (p === head.length) return ended || full ? 'lines' : undefined;
  const c = head[p];
  if (c !== LBRACE && c !== LBRACKET) return 'lines';
  const nl = head.indexOf(10, p);
  if (nl < 0 && !ended) {
    if (!full) return undefined;
    return c === LBRACKET || lastItemsIsArray(head, p, head.length) ? 'values' : 'lines';
  }
  const lineEnd = nl < 0 ? head.length : nl;
  const close = containerEnd(head, p, lineEnd);
  if (close >= 0) {
    // The first line holds a whole value (and maybe more).
    if (!atStart || skipSpace(head, close, lineEnd) < lineEnd || skipSpace(head, lineEnd) < head.length) return 'lines';
    if (!ended) return full ? 'lines' : undefined;
    return isList(head, p, close) ? 'values' : 'lines';
  }
  // The first line does not close its value: a list that goes on, pretty-printed JSON, or a broken line.
  if (c === LBRACKET || lastItemsIsArray(head, p, lineEnd)) return 'values';
  const q = skipSpace(head, lineEnd);
  if (q === head.length) return ended || full ? 'lines' : undefined;
  return head[q] === LBRACE ? 'lines' : 'values';
}

/** Where the object or array at b[s] ends, if it ends before e and its brackets match; else -1. */
function containerEnd(b: Buffer, s: number, e: number): number {
  const j = sharedStructure();
  const at = j.place(b, s, e);
  const end = j.containerEnd(at, at + e - s);
  return end < 0 ? -1 : s + end - at;
}

/** Whether the whole input, the value b[s, e), is a list of events. */
function isList(b: Buffer, s: number, e: number): boolean {
  if (b[s] === LBRACKET) return true;
  try {
    return isListObject(JSON.parse(b.toString('utf8', s, e)));
  } catch {
    // Not JSON: its items, if it has them, are judged one by one.
    return lastItemsIsArray(b, s, e);
  }
}
