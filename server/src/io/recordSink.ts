// Where the splitters put what they cut out of a log: one event's bytes, or an error for a piece
// that cannot be one. `position` is the 1-based line (JSON lines) or item position (lists).
export interface RecordSink {
  /** `bytes`: the event's serialized size, when b[s, e) is not all of it (a list's items left out: see ValueSplitter). */
  record(b: Buffer, s: number, e: number, position: number, bytes?: number): void;
  error(position: number | null, message: string): void;
  /**
   * Optional: the records until the next call lie in b (undefined: none in particular), whose
   * bytes do not change meanwhile; a sink may prepare b once rather than each record.
   */
  chunk?(b: Buffer | undefined): void;
  /**
   * Optional, for JSON lines: records the whole lines of b from s (a line's start) to e (after a
   * newline), the first being line `line` + 1, for as long as it reads them unaided. The line it
   * stops at (`next`, below e) is left to the caller, who records it through record() or error().
   */
  lines?(b: Buffer, s: number, e: number, line: number, maxBytes: number): LinesDone;
}

/** What the list splitter (ValueSplitter) records into: records may be held, then kept or withdrawn. */
export interface ListSink extends RecordSink {
  /**
   * The records from here on may be withdrawn: the items of a list object, which turns out to be
   * something else only when it closes (a later "items" key replaces them, as in JSON.parse; an
   * audit Event may carry an "items" array).
   */
  hold(): void;
  /** Ends hold(): the records since are kept, or withdrawn. */
  settle(keep: boolean): void;
}

/** Where lines() stopped, and the last line it recorded. */
export interface LinesDone {
  readonly next: number;
  readonly line: number;
}

export const mib = (n: number): string => `${Math.round(n / (1 << 20))} MiB`;
