// Where the splitters put what they cut out of a log: one event's bytes, or an error for a piece
// that cannot be one. `position` is the 1-based line (JSON lines) or item position (lists).
export interface RecordSink {
  record(b: Buffer, s: number, e: number, position: number): void;
  error(position: number | null, message: string): void;
  /**
   * Optional: the records until the next call lie in b (undefined: none in particular), whose
   * bytes do not change meanwhile; a sink may prepare b once rather than each record.
   */
  chunk?(b: Buffer | undefined): void;
}

export const mib = (n: number): string => `${Math.round(n / (1 << 20))} MiB`;
