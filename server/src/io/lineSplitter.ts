// JSON lines: one event per line. A raw newline cannot occur inside a JSON string, so every "\n"
// ends a record; a broken line never swallows the next one.
import { mib, type RecordSink } from './recordSink.ts';

const NEWLINE = 10;
const CR = 13;

const isBlank = (b: Buffer, s: number, e: number): boolean => {
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== CR) return false;
  }
  return true;
};

export class LineSplitter {
  /** Pieces (copies: chunks are reused) of a line that spans chunks. */
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** The current line passed maxBytes: skip to its end and report it. */
  private tooLong = false;

  /** `line`: the lines before the first one pushed (the input may have been read otherwise up to there). */
  constructor(
    private readonly sink: RecordSink,
    private readonly maxBytes: number,
    private line = 0,
  ) {}

  push(chunk: Buffer): void {
    let p = 0;
    if (this.parts.length > 0 || this.tooLong) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        this.carry(chunk, 0);
        return;
      }
      this.carry(chunk.subarray(0, nl), 0);
      this.finishCarried();
      p = nl + 1;
    }
    this.sink.chunk?.(chunk);
    const end = chunk.lastIndexOf(NEWLINE) + 1;
    while (p < end) {
      if (this.sink.lines !== undefined) {
        const done = this.sink.lines(chunk, p, end, this.line, this.maxBytes);
        this.line = done.line;
        p = done.next;
        if (p >= end) break;
      }
      const nl = chunk.indexOf(NEWLINE, p);
      this.emit(chunk, p, nl);
      p = nl + 1;
    }
    this.sink.chunk?.(undefined);
    if (p < chunk.length) this.carry(chunk, p);
  }

  end(): void {
    if (this.parts.length > 0 || this.tooLong) this.finishCarried();
  }

  /** Lines seen so far, blank ones included (and those before the first one pushed). */
  get lines(): number {
    return this.line;
  }

  private carry(chunk: Buffer, from: number): void {
    const n = chunk.length - from;
    this.partBytes += n;
    if (this.partBytes > this.maxBytes) {
      this.tooLong = true;
      this.parts = [];
    } else if (n > 0) this.parts.push(Buffer.from(chunk.subarray(from)));
  }

  private finishCarried(): void {
    if (this.tooLong) {
      this.line++;
      this.sink.error(this.line, `line is longer than ${mib(this.maxBytes)} (${this.partBytes} bytes); not read`);
    } else {
      const whole = Buffer.concat(this.parts);
      this.emit(whole, 0, whole.length);
    }
    this.parts = [];
    this.partBytes = 0;
    this.tooLong = false;
  }

  private emit(b: Buffer, s: number, e: number): void {
    this.line++;
    if (e > s && b[e - 1] === CR) e--;
    if (isBlank(b, s, e)) return;
    if (e - s > this.maxBytes) {
      this.sink.error(this.line, `line is longer than ${mib(this.maxBytes)} (${e - s} bytes); not read`);
      return;
    }
    this.sink.record(b, s, e, this.line);
  }
}
