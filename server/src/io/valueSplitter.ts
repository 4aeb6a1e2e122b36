// Lists and pretty-printed JSON: a JSON array of events, an EventList ({"items": [...]}, any key
// order), or events written over several lines. A byte-level state machine finds where each event
// starts and ends without holding the whole list, so a 1 GB EventList streams in bounded memory.
//
// Numbering: when the input's first value is a list, its items by their 1-based position; every
// other value by the line it starts on, and so the items of any later list too (positions that
// start again at 1 would name other records' lines).
//
// An object is what JSON.parse makes of it: its last "items" key wins, escaped keys are decoded,
// and an audit Event that merely has an "items" array is one event (see eventList.ts). Which of
// these an object is shows only when it closes, so the records of its items are held
// (RecordSink.hold) until then.
//
// The first value may turn out not to be one: the format guess took a broken first line, followed
// by one that is not JSON, for the start of pretty-printed JSON. When that value does not close,
// is not valid JSON or grows past the size limit, nothing is recorded for it and `handoff` gives
// its lines back, to be read as JSON lines (then the format is guessed again after them).
import { isItemsKey, isListObject } from './eventList.ts';
import { sharedStructure } from './jsonStructure.ts';
import { type ListSink, mib } from './recordSink.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const NEWLINE = 10;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
/** A first value that is a list is kept this far, to be read again as lines if it is not JSON. */
const GUESS_BYTES = 4 << 20;
/** Raw key bytes collected at most: no spelling of "items" is longer. */
const MAX_KEY = 32;
const EMPTY: Buffer = Buffer.alloc(0);

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const endsScalar = (c: number): boolean => isSpace(c) || c === COMMA || c === RBRACKET || c === RBRACE;

/**
 * A first value that was not one: `line` lines come before `bytes`, which hold the value's
 * `valueBytes` bytes and what followed them in the chunk. Its lines are to be read as JSON lines,
 * up to the end of the line it ends on.
 */
export interface Handoff {
  readonly line: number;
  readonly bytes: Buffer;
  readonly valueBytes: number;
}

export class ValueSplitter {
  /** Set once the input is to be read as JSON lines (see above); nothing more is read here. */
  handoff: Handoff | undefined;
  private line: number;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** In the current chunk, the first newline at or after the last one counted (-1: not looked for yet; the chunk's length: none left). */
  private newline = -1;

  /** The top-level value being read. */
  private top: 'none' | 'scalar' | 'object' | 'array' = 'none';
  private topLine = 0;
  /** Top-level values begun so far. */
  private values = 0;
  /** The top-level value's bytes (objects and scalars). */
  private readonly whole: Kept;
  /** A list object's bytes without the contents of its items arrays: what JSON.parse makes of the rest. */
  private readonly skeleton: Kept;

  // The keys of a top-level object.
  private expectKey = false;
  private collectingKey = false;
  private readonly key = Buffer.alloc(MAX_KEY);
  private keyBytes = 0;
  private keyIsItems = false;
  private itemsNext = false;
  /** The object's last "items" key so far holds an array: its items' records are held. */
  private holding = false;
  /** The object has had an "items" array (it is not the first value to take back as lines). */
  private wasList = false;

  /** Depth at which the items of the list being read sit (1 in a top-level array, 2 in "items"); -1: none. */
  private listDepth = -1;
  private byPosition = false;
  private position = 0;

  private inItem = false;
  private itemScalar = false;
  private itemPosition = 0;
  private readonly item: Kept;

  /**
   * `line`: the lines before the first byte pushed; `atStart`: those are the input's first bytes
   * (else the values follow lines read otherwise, and no list is numbered by position).
   */
  constructor(
    private readonly sink: ListSink,
    private readonly maxBytes: number,
    line = 0,
    private readonly atStart = true,
  ) {
    this.line = line + 1;
    this.whole = new Kept(maxBytes);
    this.skeleton = new Kept(maxBytes);
    this.item = new Kept(maxBytes);
  }

  push(b: Buffer): void {
    if (this.handoff !== undefined) throw new Error('the input is read as JSON lines from here');
    // Items are found by the WebAssembly structure scan where the chunk holds them whole (see skip).
    const structure = sharedStructure();
    structure.hold(b);
    this.sink.chunk?.(b);
    this.newline = -1;
    try {
      this.scan(b, b.length);
    } finally {
      this.sink.chunk?.(undefined);
      structure.release();
    }
  }

  private scan(b: Buffer, n: number): void {
    for (let i = 0; i < n; i++) {
      if (this.inString) {
        i = this.string(b, i, n);
        if (this.handoff !== undefined) return;
        continue;
      }
      const c = b[i]!;
      if (this.inItem && this.itemScalar && endsScalar(c)) this.endItem(b, i);
      else if (this.top === 'scalar' && endsScalar(c)) this.endTop(b, i);
      if (c === NEWLINE) {
        this.line++;
        continue;
      }
      if (isSpace(c)) continue;
      if (this.depth === 0) {
        if (this.top === 'none') this.startTop(i, c);
        continue;
      }
      if (this.depth === this.listDepth && !this.inItem && c !== COMMA && c !== RBRACKET && c !== RBRACE) {
        this.startItem(i, c);
        if (this.itemScalar) {
          if (c === QUOTE) this.inString = true;
          continue;
        }
        const end = this.skip(b, i, n);
        if (end >= 0) {
          this.endItem(b, end);
          i = end - 1;
          continue;
        }
      }
      this.structural(b, i, c);
      if (this.handoff !== undefined) return;
    }
    this.item.chunkEnd(b);
    this.skeleton.chunkEnd(b);
    this.whole.chunkEnd(b);
    if (this.mayHandOff() && this.whole.over) this.handOff(this.whole.kept(), EMPTY);
  }

  /** Inside a string at b[i]: goes to its end (or the chunk's); returns the last index consumed. */
  private string(b: Buffer, i: number, n: number): number {
    if (this.escaped) {
      this.escaped = false;
      if (b[i] === NEWLINE) this.line++;
      if (this.collectingKey) this.addKey(b, i, i + 1);
      return i;
    }
    const q = this.stringEnd(b, i);
    const end = q < 0 ? n : q;
    // A raw newline is not valid in a string, but it is a line: later lines keep their numbers.
    this.line += this.newlinesIn(b, i, end);
    if (this.collectingKey) this.addKey(b, i, end);
    if (q < 0) return n - 1;
    this.inString = false;
    if (this.collectingKey) this.keyDone();
    else if (this.inItem && this.itemScalar && this.depth === this.listDepth) this.endItem(b, q + 1);
    else if (this.top === 'scalar') this.endTop(b, q + 1);
    return q;
  }

  private startTop(i: number, c: number): void {
    if (c === COMMA || c === RBRACKET || c === RBRACE) return;
    this.values++;
    this.topLine = this.line;
    if (c === LBRACKET) {
      // A top-level array: its items are the events.
      this.top = 'array';
      this.depth = 1;
      this.startList(1);
      return;
    }
    this.wasList = false;
    if (c === LBRACE) {
      this.top = 'object';
      this.depth = 1;
      this.expectKey = true;
      this.whole.begin(i, this.values === 1);
      this.skeleton.begin(i);
      return;
    }
    this.whole.begin(i);
    this.top = 'scalar';
    if (c === QUOTE) this.inString = true;
  }

  private startList(depth: number): void {
    this.listDepth = depth;
    this.position = 0;
    this.byPosition = this.atStart && this.values === 1;
  }

  private startItem(i: number, c: number): void {
    this.inItem = true;
    this.itemScalar = c !== LBRACE && c !== LBRACKET;
    this.itemPosition = this.byPosition ? ++this.position : this.line;
    this.item.begin(i);
  }

  /**
   * Where the object or array item starting at b[i] ends, when it ends in this chunk (the held
   * one) and its brackets match: found 16 bytes at a time, its newlines counted. Else -1, and the
   * byte loop walks it as before (an item cut by the chunk's end, or broken, which JSON.parse then
   * judges).
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
    if (this.handoff !== undefined) return;
    if (this.top === 'scalar' && !this.inString) this.endTop(EMPTY, 0);
    if (this.inItem && this.itemScalar && !this.inString) this.endItem(EMPTY, 0);
    if (this.top === 'none') return;
    if (this.mayHandOff()) return this.handOff(this.whole.kept(), EMPTY);
    const inList = this.top === 'array' || this.holding;
    if (this.holding) this.sink.settle(true);
    const where = this.inItem ? this.itemPosition : inList ? (this.byPosition ? this.position + 1 : this.line) : this.topLine;
    this.sink.error(where, 'unexpected end of input: the JSON value is not closed (truncated file?)');
  }

  private structural(b: Buffer, i: number, c: number): void {
    const members = this.top === 'object' && this.depth === 1;
    if (c === QUOTE) {
      this.inString = true;
      if (members && this.expectKey) {
        this.collectingKey = true;
        this.keyBytes = 0;
      }
      this.itemsNext = false;
      return;
    }
    if (c === LBRACE || c === LBRACKET) {
      if (members && this.itemsNext && c === LBRACKET) {
        // {"items": [ ... ]}: from here the items are the events, not the object around them.
        if (!this.holding) this.sink.hold();
        this.holding = true;
        // The list's bytes are counted, not kept: its skeleton says what it is. Only a first value
        // over a few lines is kept, to be read as lines if it turns out not to be JSON.
        if (!this.wasList) this.whole.keepAtMost(this.values === 1 ? GUESS_BYTES : 0);
        this.wasList = true;
        this.startList(2);
        this.skeleton.pause(b, i + 1);
      }
      this.itemsNext = false;
      this.depth++;
      return;
    }
    if (c === RBRACE || c === RBRACKET) {
      this.depth = Math.max(0, this.depth - 1);
      if (this.inItem && this.depth === this.listDepth) this.endItem(b, i + 1);
      else if (this.listDepth === 2 && this.depth === 1) {
        this.listDepth = -1;
        this.skeleton.resume(i);
      }
      if (this.depth === 0) this.endTop(b, i + 1);
      return;
    }
    if (members) {
      if (c === COMMA) this.expectKey = true;
      else if (c === COLON) this.itemsNext = this.keyIsItems;
      else this.itemsNext = false;
    }
  }

  private addKey(b: Buffer, s: number, e: number): void {
    const n = Math.min(e - s, MAX_KEY - this.keyBytes);
    if (n > 0) b.copy(this.key, this.keyBytes, s, s + n);
    this.keyBytes += e - s;
  }

  private keyDone(): void {
    this.collectingKey = false;
    this.expectKey = false;
    this.keyIsItems = this.keyBytes <= MAX_KEY && isItemsKey(this.key, 0, this.keyBytes);
    if (this.keyIsItems && this.holding) {
      // A later "items" replaces the earlier one, as in JSON.parse.
      this.sink.settle(false);
      this.holding = false;
    }
  }

  private endItem(b: Buffer, end: number): void {
    this.inItem = false;
    const item = this.item;
    item.finish(b, end);
    if (item.over) this.tooLarge(this.itemPosition, item.bytes);
    else this.sink.record(item.buffer, item.start, item.end, this.itemPosition);
  }

  /** The top-level value ended at b[end]. */
  private endTop(b: Buffer, end: number): void {
    const top = this.top;
    const first = top === 'object' && this.values === 1;
    const spansLines = this.line > this.topLine;
    this.top = 'none';
    this.depth = 0;
    this.expectKey = false;
    this.itemsNext = false;
    if (top === 'array') {
      this.listDepth = -1;
      return;
    }
    const whole = this.whole;
    whole.finish(b, end);
    const wrongGuess = (): void => this.handOff([whole.buffer.subarray(whole.start, whole.end)], b.subarray(end));
    if (!this.wasList) {
      // The first value of a guess that is not JSON (or too large to tell) was a wrong guess.
      if (first && (whole.over || parsed(whole) === undefined)) return wrongGuess();
      return this.emit(whole, whole.bytes);
    }
    const holding = this.holding;
    this.holding = false;
    this.listDepth = -1;
    const skeleton = this.skeleton;
    skeleton.finish(b, end);
    const rest = skeleton.over ? undefined : parsed(skeleton);
    // So was a first list over several lines that is not JSON apart from its items.
    if (rest === undefined && first && spansLines && !whole.over) {
      if (holding) this.sink.settle(false);
      return wrongGuess();
    }
    // Else a skeleton that is not JSON leaves the items to be judged one by one.
    const list = holding && (rest === undefined || isListObject(rest));
    if (holding) this.sink.settle(list);
    // Not a list after all: the object without its items (which change nothing) is the value.
    if (!list) this.emit(skeleton, whole.bytes);
  }

  /** Records the top-level value kept, `bytes` long when serialized. */
  private emit(kept: Kept, bytes: number): void {
    if (kept.over || bytes > this.maxBytes) this.tooLarge(this.topLine, bytes);
    else this.sink.record(kept.buffer, kept.start, kept.end, this.topLine, bytes);
  }

  /** Whether the value being read is the first, an object and never a list: the guess to take back if it is not one. */
  private mayHandOff(): boolean {
    return this.top === 'object' && this.values === 1 && !this.wasList;
  }

  /** Gives the first value's bytes back, and `rest`, what followed them in the chunk. */
  private handOff(value: readonly Buffer[], rest: Buffer): void {
    const bytes = Buffer.concat([...value, rest]);
    this.handoff = { line: this.topLine - 1, bytes, valueBytes: bytes.length - rest.length };
  }

  private tooLarge(position: number, bytes: number): void {
    this.sink.error(position, `event is larger than ${mib(this.maxBytes)} (${bytes} bytes); not read`);
  }
}

/** JSON.parse of kept bytes, or undefined when they are not valid JSON. */
function parsed(kept: Kept): unknown {
  try {
    return JSON.parse(kept.buffer.toString('utf8', kept.start, kept.end));
  } catch {
    return undefined;
  }
}

/**
 * The bytes of one value as chunks go by: a range of the chunk at hand when the value lies in it,
 * else copies (the reader reuses its chunks), up to a limit. Keeping may pause (a list's items
 * are not part of its skeleton).
 */
class Kept {
  private parts: Buffer[] = [];
  /** Bytes of the value so far. */
  bytes = 0;
  /** Past the limit: the parts are dropped, unless spilling. */
  over = false;
  /** Kept past the limit too: the first value, whose bytes may have to be read again as lines. */
  private spill = false;
  /** Where keeping goes on in the current chunk, or -1 while paused. */
  private from = -1;
  /** After finish(): the value is buffer[start, end). */
  buffer: Buffer = EMPTY;
  start = 0;
  end = 0;

  private limit: number;

  constructor(private readonly maxBytes: number) {
    this.limit = maxBytes;
  }

  begin(at: number, spill = false): void {
    if (this.parts.length > 0) this.parts = [];
    this.limit = this.maxBytes;
    this.bytes = 0;
    this.over = false;
    this.spill = spill;
    this.from = at;
  }

  /** Keeps no more than `limit` bytes from now on (and none past the limit), counting them still. */
  keepAtMost(limit: number): void {
    this.spill = false;
    this.limit = Math.min(this.limit, limit);
    if (this.bytes > this.limit) this.over = true;
    if (this.over) this.parts = [];
  }

  pause(b: Buffer, at: number): void {
    if (this.from >= 0) this.add(b.subarray(this.from, at));
    this.from = -1;
  }

  resume(at: number): void {
    this.from = at;
  }

  /** The current chunk ends: its part of the value is copied, and keeping goes on from the next one's start. */
  chunkEnd(b: Buffer): void {
    if (this.from < 0) return;
    this.add(b.subarray(this.from));
    this.from = 0;
  }

  /** Copies of everything kept so far. */
  kept(): readonly Buffer[] {
    return this.parts;
  }

  /** The value ends at b[end]: buffer, start and end say where it is (unless over and not spilling). */
  finish(b: Buffer, end: number): void {
    if (this.bytes === 0 && this.from >= 0) {
      this.bytes = end - this.from;
      this.over = this.bytes > this.limit;
      this.buffer = b;
      this.start = this.from;
      this.end = end;
    } else {
      this.pause(b, end);
      this.buffer = this.over && !this.spill ? EMPTY : Buffer.concat(this.parts);
      this.start = 0;
      this.end = this.buffer.length;
    }
    this.from = -1;
    if (this.parts.length > 0) this.parts = [];
  }

  private add(piece: Buffer): void {
    this.bytes += piece.length;
    if (this.over && !this.spill) return;
    this.parts.push(Buffer.from(piece));
    if (this.bytes > this.limit && !this.over) {
      this.over = true;
      if (!this.spill) this.parts = [];
    }
  }
}
