// Lists and pretty-printed JSON: a JSON array of events, an EventList ({"items": [...]}, any key
// order), or events written over several lines. A byte-level state machine finds where each event
// starts and ends without holding the whole list, so a 1 GB EventList streams in bounded memory.
// Items are numbered by their 1-based position in the list; top-level events by their first line.
import { sharedStructure } from './jsonStructure.ts';
import { mib, type RecordSink } from './recordSink.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const NEWLINE = 10;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const ITEMS = 'items';

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

export class ValueSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  /** Depth at which the values we emit sit: 0 top-level, 1 in a top array, 2 in "items"; -1 none. */
  private elementDepth = 0;
  /** The top-level object turned out to be a list: it is not itself an event. */
  private inListObject = false;
  private position = 0;

  private inElement = false;
  private elementIsScalar = false;
  private elementStart = -1;
  private elementPosition = 0;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private tooBig = false;

  // Keys of the top-level object, to find "items".
  private expectKey = false;
  private key = '';
  private collectingKey = false;
  private lastKeyIsItems = false;
  private itemsNext = false;

  /** In the current chunk, the first newline at or after the last one counted (-1: not looked for yet; the chunk's length: none left). */
  private newline = -1;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxBytes: number,
  ) {}

  push(b: Buffer): void {
    const n = b.length;
    // Items are found by the WebAssembly structure scan where the chunk holds them whole (see skip).
    const structure = sharedStructure();
    structure.hold(b);
    this.sink.chunk?.(b);
    this.newline = -1;
    try {
      this.scan(b, n);
    } finally {
      this.sink.chunk?.(undefined);
      structure.release();
    }
  }

  private scan(b: Buffer, n: number): void {
    for (let i = 0; i < n; i++) {
      const c = b[i] as number;
      if (this.inString && !this.collectingKey && !this.escaped && c !== QUOTE && c !== BACKSLASH) {
        // Inside a string only its end matters (valid strings hold no raw newline): jump there.
        const q = this.stringEnd(b, i);
        if (q < 0) break;
        i = q - 1;
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.collectingKey) this.keyDone();
          if (this.inElement && this.elementIsScalar && this.depth === this.elementDepth) this.endElement(b, i + 1);
        } else if (c === NEWLINE) this.line++;
        else if (this.collectingKey && this.key.length <= ITEMS.length) this.key += String.fromCharCode(c);
        continue;
      }
      if (this.inElement && this.elementIsScalar && (isSpace(c) || c === COMMA || c === RBRACKET || c === RBRACE)) {
        this.endElement(b, i);
      }
      if (c === NEWLINE) {
        this.line++;
        continue;
      }
      if (isSpace(c)) continue;
      if (!this.inElement && this.depth === this.elementDepth && c !== COMMA && c !== RBRACKET && c !== RBRACE) {
        if (this.depth === 0 && c === LBRACKET) {
          // A top-level array: its items are the events.
          this.depth = 1;
          this.elementDepth = 1;
          this.position = 0;
          continue;
        }
        this.startElement(i, c);
        if (this.elementIsScalar) {
          if (c === QUOTE) this.inString = true;
          continue;
        }
        const end = this.depth > 0 ? this.skip(b, i, n) : -1;
        if (end >= 0) {
          this.endElement(b, end);
          i = end - 1;
          continue;
        }
      }
      this.structural(b, i, c);
    }
    if (this.inElement) this.keep(b.subarray(this.elementStart < 0 ? 0 : this.elementStart));
    this.elementStart = -1;
  }

  /**
   * Where the object or array item starting at b[i] ends, when it ends in this chunk (the held
   * one) and its brackets match: found 16 bytes at a time, its newlines counted. Else -1, and the
   * byte loop walks it as before (an item cut by the chunk's end, or broken, which JSON.parse then
   * judges). Only items of an array: a top-level object may be an EventList, whose items the byte
   * loop must find.
   */
  private skip(b: Buffer, i: number, n: number): number {
    const structure = sharedStructure();
    if (!structure.holds(b)) return -1;
    const at = structure.place(b, i, n);
    const end = structure.containerEnd(at, at + n - i);
    if (end < 0) return -1;
    const e = i + end - at;
    this.line += this.newlinesIn(b, i, e);
    return e;
  }

  /** Newlines in b[s, e), s at or after every position counted before in this chunk. */
  private newlinesIn(b: Buffer, s: number, e: number): number {
    let count = 0;
    if (this.newline < s) {
      const nl = b.indexOf(NEWLINE, s);
      this.newline = nl < 0 ? b.length : nl;
    }
    while (this.newline < e) {
      count++;
      const nl = b.indexOf(NEWLINE, this.newline + 1);
      this.newline = nl < 0 ? b.length : nl;
    }
    return count;
  }

  /**
   * Index of the next unescaped quote from i (inside a string, i not escaped), or -1 when the
   * string runs past the chunk (then `escaped` says whether the chunk ended mid-escape).
   */
  private stringEnd(b: Buffer, i: number): number {
    let q = i;
    for (;;) {
      q = b.indexOf(QUOTE, q);
      if (q < 0) {
        let k = b.length - 1;
        while (k >= i && b[k] === BACKSLASH) k--;
        this.escaped = ((b.length - 1 - k) & 1) === 1;
        return -1;
      }
      let k = q - 1;
      while (k >= i && b[k] === BACKSLASH) k--;
      if (((q - 1 - k) & 1) === 0) return q;
      q++;
    }
  }

  end(): void {
    if (this.inElement && this.elementIsScalar && !this.inString) {
      this.endElement(Buffer.alloc(0), 0);
    }
    if (this.inElement || this.depth > 0) {
      const where = this.inElement ? this.elementPosition : this.position + 1;
      this.sink.error(where, 'unexpected end of input: the JSON value is not closed (truncated file?)');
    }
  }

  private structural(b: Buffer, i: number, c: number): void {
    if (c === QUOTE) {
      this.inString = true;
      if (this.depth === 1 && this.expectKey && this.elementDepth === 0) {
        this.collectingKey = true;
        this.key = '';
      }
      return;
    }
    if (c === LBRACE || c === LBRACKET) {
      if (this.depth === 1 && this.itemsNext && c === LBRACKET && this.elementDepth === 0) {
        // {"items": [ ... ]}: from here the items are the events, not the object around them.
        this.inElement = false;
        this.parts = [];
        this.partBytes = 0;
        this.tooBig = false;
        this.inListObject = true;
        this.elementDepth = 2;
        this.position = 0;
      }
      this.itemsNext = false;
      this.depth++;
      this.expectKey = this.depth === 1 && c === LBRACE;
      return;
    }
    if (c === RBRACE || c === RBRACKET) {
      this.depth = Math.max(0, this.depth - 1);
      if (this.inElement && this.depth === this.elementDepth) this.endElement(b, i + 1);
      else if (this.inListObject && this.depth === 1) this.elementDepth = -1;
      if (this.depth === 0) {
        this.inListObject = false;
        this.elementDepth = 0;
      }
      return;
    }
    if (this.depth === 1 && this.elementDepth <= 0) {
      if (c === COMMA) this.expectKey = true;
      else if (c === COLON) this.itemsNext = this.lastKeyIsItems;
      else this.itemsNext = false;
    }
  }

  private keyDone(): void {
    this.collectingKey = false;
    this.expectKey = false;
    this.lastKeyIsItems = this.key === ITEMS;
  }

  private startElement(i: number, c: number): void {
    this.inElement = true;
    this.elementIsScalar = c !== LBRACE && c !== LBRACKET;
    this.elementStart = i;
    this.elementPosition = this.elementDepth === 0 ? this.line : ++this.position;
    this.parts = [];
    this.partBytes = 0;
    this.tooBig = false;
  }

  /** Keeps a copy: chunks are reused by the reader. */
  private keep(piece: Buffer): void {
    this.partBytes += piece.length;
    if (this.partBytes > this.maxBytes) {
      this.tooBig = true;
      this.parts = [];
    } else this.parts.push(Buffer.from(piece));
  }

  private endElement(b: Buffer, end: number): void {
    this.inElement = false;
    const start = this.elementStart < 0 ? 0 : this.elementStart;
    if (this.parts.length === 0 && !this.tooBig) {
      if (end - start > this.maxBytes) this.tooLarge(end - start);
      else this.sink.record(b, start, end, this.elementPosition);
    } else {
      this.keep(b.subarray(start, end));
      if (this.tooBig) this.tooLarge(this.partBytes);
      else {
        const whole = Buffer.concat(this.parts);
        this.sink.record(whole, 0, whole.length, this.elementPosition);
      }
    }
    this.parts = [];
    this.partBytes = 0;
    this.tooBig = false;
    this.elementStart = -1;
  }

  private tooLarge(bytes: number): void {
    this.sink.error(this.elementPosition, `event is larger than ${mib(this.maxBytes)} (${bytes} bytes); not read`);
  }
}
