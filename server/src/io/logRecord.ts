// What reading a log reports, record by record: shared by the reader (readAuditLogs) and the
// applier that makes the records (BatchApplier), so that neither imports the other.

/** One event or error, in input order; `key` is the ReplayIndex key id. */
export type LogRecord =
  | { readonly file: string; readonly line: number; readonly key: number }
  | { readonly file: string; readonly line: number | null; readonly error: string };
