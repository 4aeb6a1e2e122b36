// Where the splitters put what they cut out of a log: one event's bytes, or an error for a piece
// that cannot be one. `position` is the 1-based line (JSON lines) or item position (lists).
export interface RecordSink {
  record(b: Buffer, s: number, e: number, position: number): void;
  error(position: number | null, message: string): void;
}

export const mib = (n: number): string => `${Math.round(n / (1 << 20))} MiB`;
