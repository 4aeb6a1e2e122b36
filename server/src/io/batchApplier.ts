// Applies ScanBatches to the ReplayIndex, in input order, on the main thread: interns the raw keys
// each builder saw first, counts events, reports errors with their file and position.
import type { RequestAttributes } from '../core/attributes.ts';
import type { ReplayIndex } from '../core/replay/replayIndex.ts';
import { FAILED, INCOMPLETE, PARSED, type IncompleteEvent, type ScanBatch } from './batchBuilder.ts';
import { FIELDS } from './wasm/layout.ts';
import type { LogRecord } from './logRecord.ts';

/** Per builder (lane): its raw-key ids → index key ids (-1 until used), and the attributes of those not yet used. */
interface Lane {
  readonly ids: number[];
  readonly pending: (RequestAttributes | undefined)[];
}

export class BatchApplier {
  private readonly lanes: Lane[] = [];

  /** The log being applied, as given. */
  file = '';

  constructor(
    private readonly index: ReplayIndex,
    private readonly onRecord: ((r: LogRecord) => void) | undefined,
  ) {}

  /** `base` is added to every position (the lines before the piece the batch was scanned from). */
  apply(batch: ScanBatch, lane: number, base: number): void {
    const index = this.index;
    const { ids, pending } = (this.lanes[lane] ??= { ids: [], pending: [] });
    // Interned at first use: a builder's raw key may come in a batch whose records were withdrawn.
    for (const a of batch.keys) {
      ids.push(-1);
      pending.push(a);
    }
    const r = batch.records;
    let x = 0;
    for (let o = 0; o < r.length; o += FIELDS) {
      const code = r[o]!;
      const position = r[o + 1]! === 0 ? null : base + r[o + 1]!;
      if (code === FAILED) {
        this.error(position, batch.extras[x++] as string);
        continue;
      }
      let id: number;
      let missing: readonly string[] | undefined;
      if (code === PARSED) id = index.internAttributes(batch.extras[x++] as RequestAttributes);
      else if (code === INCOMPLETE) {
        const extra = batch.extras[x++] as IncompleteEvent;
        id = index.internAttributes(extra.attributes);
        missing = extra.missing;
        index.addIncomplete(missing);
      } else {
        id = ids[code]!;
        if (id < 0) {
          id = ids[code] = index.internAttributes(pending[code]!);
          pending[code] = undefined;
        }
      }
      index.addEvent(id, r[o + 2]!, r[o + 3]!, r[o + 4]!, r[o + 5]!, r[o + 6]!, r[o + 7]!);
      this.onRecord?.(missing === undefined ? { file: this.file, line: position ?? 0, key: id } : { file: this.file, line: position ?? 0, key: id, missing });
    }
  }

  error(line: number | null, message: string): void {
    this.index.addError({ file: this.file, line, message });
    this.onRecord?.({ file: this.file, line, error: message });
  }
}
