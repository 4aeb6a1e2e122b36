// Reads one decompressed log in an envelope format (core/envelope) into the builder: each record
// parsed with JSON.parse and unwrapped by the core, the Event it holds counted as any log line's,
// every record that holds none reported at its own line. Records come one a line (diagnostic
// exports, sinks, subscription payloads, export-to-S3 lines), or from a document that is not one
// value a line (CLI output, a JSON array, concatenated payloads): see JsonDocumentSplitter.
import { StringDecoder } from 'node:string_decoder';
import { AKS_BATCH, CLOUDWATCH_BATCHES } from '../../core/envelope/cloudEnvelopes.ts';
import type { EnvelopeFormat } from '../../core/envelope/inputFormats.ts';
import { cloudwatchExportMessage, unwrapRecord } from '../../core/envelope/unwrapRecord.ts';
import type { BatchBuilder } from '../batchBuilder.ts';
import { LogInputError } from '../logChunks.ts';
import { mib } from '../recordSink.ts';
import { BoundedText } from './boundedText.ts';
import { JsonDocumentSplitter } from './jsonDocumentSplitter.ts';
import { hasByteOrderMark } from '../byteOrderMark.ts';

export interface EnvelopeReadOptions {
  readonly maxEventBytes: number;
  readonly afterChunk?: () => Promise<void> | void;
}

/** The members of a batch whose list holds the records, per format. */
const LIST_MEMBERS: Record<EnvelopeFormat, readonly string[]> = {
  cloudwatch: CLOUDWATCH_BATCHES.members,
  aks: [AKS_BATCH],
  gke: [],
  ack: [],
};

export async function readEnvelopeLog(chunks: AsyncIterable<Buffer>, format: EnvelopeFormat, builder: BatchBuilder, options: EnvelopeReadOptions): Promise<void> {
  const records = new RecordReader(format, builder);
  const decoder = new StringDecoder('utf8');
  let splitter: Splitter | undefined;
  let head = '';
  const feed = (text: string): void => {
    if (splitter === undefined) {
      head += text;
      const nl = head.indexOf('\n', firstNonSpace(head));
      if (nl < 0 && head.length < options.maxEventBytes) return;
      // A first line longer than any record: one value to stream (`{"events": [...]}` compacted).
      splitter = nl < 0 || nl > options.maxEventBytes || isDocument(head, nl) ? new JsonDocumentSplitter(records, LIST_MEMBERS[format], options.maxEventBytes) : new LineRecords(records, options.maxEventBytes);
      text = head;
      head = '';
    }
    splitter.push(text);
  };
  const finish = (): void => {
    feed(decoder.end());
    if (splitter === undefined && head.trim() !== '') {
      splitter = isDocument(head, -1) ? new JsonDocumentSplitter(records, LIST_MEMBERS[format], options.maxEventBytes) : new LineRecords(records, options.maxEventBytes);
      splitter.push(head);
    }
    splitter?.end();
  };
  try {
    let first = true;
    for await (const chunk of chunks) {
      // A byte-order mark is not part of the first record.
      const b = first && hasByteOrderMark(chunk) ? chunk.subarray(3) : chunk;
      first = false;
      feed(decoder.write(b));
      await options.afterChunk?.();
    }
  } catch (e) {
    if (!(e instanceof LogInputError)) throw e;
    finish();
    throw e;
  }
  finish();
  await options.afterChunk?.();
}

type Splitter = { push(text: string): void; end(): void };

function firstNonSpace(s: string): number {
  const m = /\S/.exec(s);
  return m === null ? s.length : m.index;
}

/**
 * Whether the input is a document rather than one record a line: its first line opens a value it
 * does not close (`{`, `[`, `{"events": [`), or holds values run together (`}{`).
 */
function isDocument(head: string, nl: number): boolean {
  const line = (nl < 0 ? head : head.slice(0, nl)).trim();
  if (line.includes('}{')) return true;
  const last = line[line.length - 1];
  if (last === '{' || last === '[' || last === ',') return true;
  if (line[0] !== '[') return false;
  // A compact JSON array on one line is one document too (its items the records).
  try {
    return Array.isArray(JSON.parse(line));
  } catch {
    return false;
  }
}

/** One record a line: each line is JSON.parse'd on its own, so a broken line costs only itself. */
class LineRecords implements Splitter {
  private line = 0;
  private readonly text: BoundedText;

  constructor(
    private readonly records: RecordReader,
    private readonly maxChars: number,
  ) {
    this.text = new BoundedText(maxChars);
  }

  push(text: string): void {
    let s = 0;
    for (;;) {
      const nl = text.indexOf('\n', s);
      if (nl < 0) break;
      this.text.add(text.slice(s, nl));
      this.done();
      s = nl + 1;
    }
    if (s < text.length) this.text.add(text.slice(s));
  }

  end(): void {
    if (this.text.length > 0) this.done();
  }

  private done(): void {
    this.line++;
    const text = this.text.take();
    if (text === undefined) this.records.error(this.line, `line is longer than ${mib(this.maxChars)}; not read`);
    else if (text.trim() !== '') this.records.line(text, this.line);
  }
}

/** Unwraps each record and hands what it holds to the builder, at the record's line. */
class RecordReader {
  constructor(
    private readonly format: EnvelopeFormat,
    private readonly builder: BatchBuilder,
  ) {}

  /** A line of a line-per-record input: CloudWatch's export-to-S3 lines are not JSON. */
  line(text: string, line: number): void {
    const message = this.format === 'cloudwatch' ? cloudwatchExportMessage(text) : undefined;
    if (message !== undefined) this.text(message, line, 'CloudWatch Logs export line: ');
    else this.record(text, line, undefined);
  }

  record(text: string, line: number, batch: Record<string, unknown> | undefined): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return this.error(line, `invalid JSON: ${(e as Error).message}`);
    }
    for (const u of unwrapRecord(this.format, value, batch)) {
      if (u.kind === 'error') this.error(line, u.message);
      else if (u.kind === 'text') this.text(u.text, line, u.errorPrefix);
      else {
        this.builder.errorPrefix = u.errorPrefix;
        this.builder.recordEvent(u.event, line, Buffer.byteLength(JSON.stringify(u.event)), u.missing);
        this.builder.errorPrefix = '';
      }
    }
  }

  error(line: number, message: string): void {
    this.builder.error(line, message);
  }

  private text(event: string, line: number, errorPrefix: string): void {
    const b = Buffer.from(event);
    this.builder.errorPrefix = errorPrefix;
    this.builder.record(b, 0, b.length, line);
    this.builder.errorPrefix = '';
  }
}
