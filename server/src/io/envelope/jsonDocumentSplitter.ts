// Cuts a JSON document that is not one value a line into records, streaming, each with the line
// it starts on: values one after another (pretty-printed, or concatenated without a newline as
// Firehose writes its payloads to S3), the items of a top-level array (`gcloud logging read
// --format=json`), and the items of a batch's list member (`{"events": [...]}` as `aws logs
// filter-log-events` prints it, `{"messageType": ..., "logEvents": [...]}`), however long the
// list. A record over the size limit is reported, not kept; a document cut off mid-record too.
import { mib } from '../recordSink.ts';
import { BoundedText } from './boundedText.ts';

/** What a record is handed to: its text and line, and the batch's members before its list (parsed), if any. */
export interface DocumentRecords {
  record(text: string, line: number, batch: Record<string, unknown> | undefined): void;
  error(line: number, message: string): void;
}

/** What ends a run of plain string characters. */
const STRING_STOP = /["\\\n]/g;

type KeyState = 'none' | 'expectKey' | 'inKey' | 'afterKey' | 'afterColon' | 'value';

export class JsonDocumentSplitter {
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The depth whose values are records: 0, 1 in a top-level array, 2 in a batch's list. */
  private recordDepth = 0;
  /** Inside a top-level object that became a batch, after its list: the rest is skipped. */
  private skipping = false;
  private readonly text: BoundedText;
  private gathering = false;
  private recordLine = 0;
  /** A scalar record ends at a separator instead of a closing bracket. */
  private scalar = false;
  /** A record that starts at top level with what no JSON value starts with: it goes to its line's end. */
  private lineScalar = false;
  private batch: Record<string, unknown> | undefined;
  // Keys of a top-level object, while it may be a batch.
  private keyState: KeyState = 'none';
  private key = '';
  private keyAt = 0;

  constructor(
    private readonly sink: DocumentRecords,
    private readonly listMembers: readonly string[],
    private readonly maxChars: number,
  ) {
    this.text = new BoundedText(maxChars);
  }

  push(s: string): void {
    // Where the record being gathered starts in s (-1: none is).
    let from = this.gathering ? 0 : -1;
    for (let i = 0; i < s.length; i++) {
      let c = s[i]!;
      if (this.gathering && this.lineScalar) {
        // Not JSON at top level: the rest of its line is the record.
        if (c === '\n') {
          from = this.finish(s, from, i);
          this.line++;
        }
        continue;
      }
      if (this.inString) {
        if (!this.escaped && this.keyState !== 'inKey' && c !== '"' && c !== '\\' && c !== '\n') {
          // Most of a log is inside strings (the Events as JSON text): on to the next quote, backslash or newline.
          STRING_STOP.lastIndex = i;
          i = STRING_STOP.exec(s)?.index ?? s.length;
          if (i === s.length) break;
          c = s[i]!;
        }
        if (this.keyState === 'inKey' && c !== '"') this.key += c;
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.keyState === 'inKey') this.keyState = 'afterKey';
          if (this.gathering && this.scalar && this.depth === this.recordDepth) from = this.finish(s, from, i + 1);
        }
        if (c === '\n') this.line++;
        continue;
      }
      if (c === '\n') this.line++;
      const space = c === ' ' || c === '\n' || c === '\r' || c === '\t';
      if (this.gathering && this.scalar && this.depth === this.recordDepth && (space || c === ',' || c === ']' || c === '}')) {
        from = this.finish(s, from, i);
      }
      if (!this.gathering && !this.skipping && this.depth === this.recordDepth && !space && c !== ',' && !(this.recordDepth > 0 && (c === ']' || c === '}'))) {
        if (this.recordDepth === 0 && c === '[') {
          // A top-level array: its items are the records.
          this.depth = this.recordDepth = 1;
          continue;
        }
        this.begin(c);
        from = i;
        if (this.lineScalar) continue;
        if (c === '{' && this.recordDepth === 0) this.keyState = 'expectKey';
      }
      if (c === '"') {
        this.inString = true;
        if (this.depth === 1 && this.keyState === 'expectKey') {
          this.keyState = 'inKey';
          this.key = '';
          this.keyAt = this.text.length + i - from;
        }
        continue;
      }
      if (this.depth === 1 && this.keyState !== 'none') {
        if (c === ':' && this.keyState === 'afterKey') this.keyState = 'afterColon';
        else if (c === ',') this.keyState = 'expectKey';
        else if (!space && this.keyState === 'afterColon') {
          if (c === '[' && this.listMembers.includes(this.key)) {
            this.enterList(s, from, i);
            from = -1;
            this.depth = 2;
            continue;
          }
          this.keyState = 'value';
        }
      }
      if (c === '{' || c === '[') this.depth++;
      else if ((c === '}' || c === ']') && this.depth > 0) {
        this.depth--;
        if (this.depth === 1 && this.recordDepth === 2) {
          // The batch's list is closed: the rest of the batch is not read.
          this.recordDepth = 0;
          this.skipping = true;
          this.keyState = 'none';
        } else if (this.depth === 0 && this.recordDepth === 1 && !this.gathering) {
          this.recordDepth = 0;
        } else if (this.depth === 0 && this.skipping) {
          this.skipping = false;
          this.batch = undefined;
        }
        if (this.gathering && !this.scalar && this.depth === this.recordDepth) from = this.finish(s, from, i + 1);
      }
    }
    if (this.gathering && from >= 0) this.text.add(s.slice(from));
  }

  /** At the end of the input: a record not finished was cut off. */
  end(): void {
    if (this.gathering && (this.lineScalar || (this.scalar && !this.inString))) {
      this.finish('', 0, 0);
      return;
    }
    if (this.gathering) this.sink.error(this.recordLine, 'the input ends inside this value (truncated?)');
    else if (this.depth > 0 || this.skipping) this.sink.error(this.line, 'the input ends inside a JSON list or object (truncated?)');
  }

  private begin(c: string): void {
    this.gathering = true;
    this.recordLine = this.line;
    this.scalar = c !== '{' && c !== '[';
    this.lineScalar = this.scalar && this.recordDepth === 0;
  }

  /** The record ends before s[end]; returns the new `from` (-1: nothing gathered). */
  private finish(s: string, from: number, end: number): number {
    if (from >= 0) this.text.add(s.slice(from, end));
    this.gathering = false;
    if (this.recordDepth === 0) this.keyState = 'none';
    const text = this.text.take();
    if (text === undefined) this.sink.error(this.recordLine, `record is larger than ${mib(this.maxChars)}; not read`);
    else this.sink.record(text, this.recordLine, this.batch);
    return -1;
  }

  /** The top-level object is a batch: its members so far are its context, its list's items the records. */
  private enterList(s: string, from: number, i: number): void {
    if (from >= 0) this.text.add(s.slice(from, i));
    const text = (this.text.take() ?? '').slice(0, this.keyAt).replace(/,\s*$/, '');
    try {
      this.batch = JSON.parse(`${text}}`) as Record<string, unknown>;
    } catch {
      this.batch = undefined;
    }
    this.gathering = false;
    this.keyState = 'none';
    this.recordDepth = 2;
  }
}
