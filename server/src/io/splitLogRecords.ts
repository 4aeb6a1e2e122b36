// Cuts one decompressed log into event records. The format is told from the content, not the file
// name: a JSON array or an object with an "items" array is a list; an event spread over several
// lines is pretty-printed JSON; anything else is JSON lines (the log backend's format).
import { sharedStructure } from './jsonStructure.ts';
import { LineSplitter } from './lineSplitter.ts';
import { LogInputError } from './logChunks.ts';
import type { RecordSink } from './recordSink.ts';
import { ValueSplitter } from './valueSplitter.ts';

export interface SplitOptions {
  /** Records larger than this are reported, not read (memory stays bounded). */
  readonly maxEventBytes: number;
  /** Awaited after each chunk: lets a consumer apply backpressure (e.g. a full stdout). */
  readonly afterChunk?: () => Promise<void> | void;
  /** Reads JSON lines instead of a LineSplitter into the sink (e.g. on worker threads). */
  readonly lines?: () => Splitter;
}

/** How much to look at before deciding, when the first line is very long. */
const SNIFF_BYTES = 4 << 20;

export type Splitter = { push(b: Buffer): Promise<void> | void; end(): Promise<void> | void };

export async function splitLogRecords(chunks: AsyncIterable<Buffer>, sink: RecordSink, options: SplitOptions): Promise<void> {
  let splitter: Splitter | undefined;
  const start = (head: Buffer, final: boolean): Splitter | undefined => {
    const kind = formatOf(head, final);
    if (kind === undefined) return undefined;
    if (kind === 'values') return new ValueSplitter(sink, options.maxEventBytes);
    return options.lines?.() ?? new LineSplitter(sink, options.maxEventBytes);
  };
  let head: Buffer | undefined;
  try {
    for await (const chunk of chunks) {
      if (splitter === undefined) {
        // Copied: the reader reuses its chunk buffer.
        head = head === undefined ? Buffer.from(withoutBom(chunk)) : Buffer.concat([head, chunk]);
        splitter = start(head, head.length >= SNIFF_BYTES);
        if (splitter === undefined) continue;
        await splitter.push(head);
        head = undefined;
      } else await splitter.push(chunk);
      await options.afterChunk?.();
    }
    if (splitter === undefined && head !== undefined) {
      splitter = start(head, true);
      await splitter?.push(head);
    }
  } catch (e) {
    // The input broke off (truncated gzip, read error): what was cut mid-event is still reported.
    if (e instanceof LogInputError) await splitter?.end();
    throw e;
  }
  await splitter?.end();
  await options.afterChunk?.();
}

const withoutBom = (b: Buffer): Buffer => (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b);

const isSpace = (c: number | undefined): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** 'lines' or 'values' once the head says; undefined while more bytes are needed. */
export function formatOf(head: Buffer, final: boolean): 'lines' | 'values' | undefined {
  let p = 0;
  while (p < head.length && isSpace(head[p])) p++;
  if (p === head.length) return final ? 'lines' : undefined;
  if (head[p] === 91) return 'values';
  if (head[p] !== 123) return 'lines';
  const nl = head.indexOf(10, p);
  const firstEnd = nl < 0 ? head.length : nl;
  if (hasItemsArray(head, p, firstEnd)) return 'values';
  if (nl < 0) return final ? 'lines' : undefined;
  if (isOneContainer(head, p, nl)) return 'lines';
  // The first line does not close its object: pretty-printed JSON, unless the next line starts a
  // new object (then the first line is merely broken, and this is JSON lines).
  let q = nl + 1;
  while (q < head.length && isSpace(head[q])) q++;
  if (q === head.length) return final ? 'lines' : undefined;
  return head[q] === 123 ? 'lines' : 'values';
}

const ITEMS = Buffer.from('items');

/**
 * Whether the object starting at s has an "items" array among its keys before e (which may cut
 * the object short): how an EventList (or any list) is told from an event.
 */
function hasItemsArray(head: Buffer, s: number, e: number): boolean {
  const j = sharedStructure();
  const start = j.place(head, s, e);
  const end = start + e - s;
  const b = j.bytes;
  let p = start;
  if (b[p] !== 123) return false;
  p++;
  for (;;) {
    while (p < end && isSpace(b[p])) p++;
    if (p >= end || b[p] !== 34) return false;
    const keyEnd = j.stringEnd(p + 1, end);
    if (keyEnd < 0) return false;
    const isItems = keyEnd - p - 2 === ITEMS.length && ITEMS.equals(b.subarray(p + 1, keyEnd - 1));
    p = keyEnd;
    while (p < end && isSpace(b[p])) p++;
    if (p >= end || b[p] !== 58) return false;
    p++;
    while (p < end && isSpace(b[p])) p++;
    if (isItems && p < end && b[p] === 91) return true;
    p = j.valueEnd(p, end);
    if (p < 0) return false;
    while (p < end && isSpace(b[p])) p++;
    if (p >= end || b[p] !== 44) return false;
    p++;
  }
}

/** Whether b[s, e) (from a bracket) holds exactly one complete JSON object or array, spaces after it allowed. */
function isOneContainer(head: Buffer, s: number, e: number): boolean {
  const j = sharedStructure();
  const start = j.place(head, s, e);
  const end = start + e - s;
  let p = j.containerEnd(start, end);
  if (p < 0) return false;
  while (p < end && isSpace(j.bytes[p])) p++;
  return p === end;
}
