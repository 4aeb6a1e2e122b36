// The per-event work of reading a log, done where the bytes are (the main thread or an ingest
// worker): scan the event, look its raw key up, decode first sights, fall back to JSON.parse.
// The output is compact records (numbers, plus the request attributes of first sights and the
// messages of errors) that the main thread applies to the ReplayIndex in input order
// (BatchApplier). Records can cross threads: nothing in them points into the log's bytes.
//
// Records are made in the scanner's WebAssembly memory: JSON lines whose raw key was seen before
// are counted there without a call per line (EventScanner.countLines); this class handles what it
// stops at.
import type { RequestAttributes } from '../core/attributes.ts';
import { LEVELS, STAGES } from '../core/model.ts';
import { codeOf } from '../core/replay/replayIndex.ts';
import { eventToAttributes } from '../core/request/auditEvent.ts';
import { Stop } from './eventTally.ts';
import { MAX_RECORDS } from './wasm/layout.ts';
import type { LinesDone, ListSink } from './recordSink.ts';
import { EventScanner } from './scanEvent.ts';

/** Record codes below 0; a code >= 0 is the builder's own id of the event's raw key. */
export const PARSED = -1;
export const FAILED = -2;
/** An event mapped from an envelope that does not carry all the checker reads (its extra: IncompleteEvent). */
export const INCOMPLETE = -3;

/** The extra of an INCOMPLETE record: its attributes, and what its envelope did not carry. */
export interface IncompleteEvent {
  readonly attributes: RequestAttributes;
  readonly missing: readonly string[];
}

export interface ScanBatch {
  /** FIELDS int32s per record: code, position (0 = none), stage, level, bytes, request body, response body, events (more than 1 when summed). */
  readonly records: Int32Array<ArrayBuffer>;
  /**
   * Per raw-key id first seen in this batch (ids grow by one from 0 over a builder's life), its
   * request attributes: the applier interns each once.
   */
  readonly keys: RequestAttributes[];
  /** In record order: of each PARSED record its request attributes, of each FAILED one its message, of each INCOMPLETE one an IncompleteEvent. */
  readonly extras: (RequestAttributes | string | IncompleteEvent)[];
}

export class BatchBuilder implements ListSink {
  private readonly scanner = new EventScanner();
  private nextKey = 0;
  /** Records taken out of the scanner's memory when it was full, before the ones still in it. */
  private parts: Int32Array<ArrayBuffer>[] = [];
  private keys: RequestAttributes[] = [];
  private extras: (RequestAttributes | string | IncompleteEvent)[] = [];
  /** Batches to hand out before what is scanned now: made before a hold(), or kept by settle(). */
  private ready: ScanBatch[] = [];
  /** While holding (see hold()): the batches made since, in order. */
  private held: ScanBatch[] | undefined;

  /** Put before the message of every error: names the envelope record an event came in (see io/envelope). */
  errorPrefix = '';

  constructor() {
    this.sum = false;
  }

  /**
   * Sum the events of one raw key, stage and level into the batch's first record of them, when
   * nobody needs each event's line: far fewer records to send and apply. Sums stay within int32
   * (a batch holds at most a chunk and one event of bytes).
   */
  get sum(): boolean {
    return this.scanner.summing;
  }

  set sum(sum: boolean) {
    this.scanner.summing = sum;
  }

  record(b: Buffer, s: number, e: number, position: number, bytes = e - s): void {
    if (!this.scanner.scan(b, s, e)) return this.parse(b, s, e, position, bytes);
    this.scanned(b, s, e, position, bytes);
  }

  lines(b: Buffer, s: number, e: number, line: number, maxBytes: number): LinesDone {
    const scanner = this.scanner;
    if (!scanner.holds(b)) return { next: s, line };
    for (;;) {
      this.room();
      s = scanner.countLines(s, e, line, maxBytes);
      line = scanner.stopLine;
      const reason = scanner.stopReason;
      if (reason === Stop.Done || reason === Stop.Line) return { next: s, line };
      if (reason === Stop.Unknown) {
        const end = scanner.stopEnd;
        this.scanned(b, s, end, ++line, end - s);
        // Past the newline (and the CR before it).
        s = b.indexOf(10, end) + 1;
      }
    }
  }

  /** The event in b[s, e) (of `bytes` serialized) was scanned: count it, decoding its attributes if its raw key is new. */
  private scanned(b: Buffer, s: number, e: number, position: number, bytes: number): void {
    const scanner = this.scanner;
    let id = scanner.lookup();
    if (id < 0) {
      let decoded: unknown;
      try {
        decoded = scanner.decode();
      } catch {
        return this.parse(b, s, e, position, bytes);
      }
      // Only audit Events are remembered: a hostile log must not fill the raw-key table with garbage.
      const checked = eventToAttributes(decoded);
      if (!checked.ok) return this.error(position, checked.error);
      id = this.nextKey++;
      scanner.remember(id);
      this.keys.push(checked.attributes);
    }
    this.room();
    scanner.count(id, position, scanner.stage(), scanner.level(), bytes);
  }

  chunk(b: Buffer | undefined): void {
    if (b === undefined) this.scanner.release();
    else this.scanner.hold(b);
  }

  error(position: number | null, message: string): void {
    this.extras.push(this.errorPrefix + message);
    this.room();
    this.scanner.append(FAILED, position ?? 0, 0, 0, 0, 0, 0);
  }

  /** What the scanner declines, JSON.parse decides; its verdict is the reference. */
  private parse(b: Buffer, s: number, e: number, position: number, bytes: number): void {
    let event: unknown;
    try {
      event = JSON.parse(b.toString('utf8', s, e));
    } catch (err) {
      return this.error(position, `invalid JSON: ${(err as Error).message}`);
    }
    this.recordEvent(event, position, bytes, []);
  }

  /**
   * An event as a value (JSON.parse's, or mapped from an envelope record), of `bytes` serialized;
   * `missing`: what its envelope did not carry (none: a whole Event).
   */
  recordEvent(event: unknown, position: number, bytes: number, missing: readonly string[]): void {
    const checked = eventToAttributes(event);
    if (!checked.ok) return this.error(position, checked.error);
    const o = event as Record<string, unknown>;
    this.extras.push(missing.length === 0 ? checked.attributes : { attributes: checked.attributes, missing });
    this.room();
    const code = missing.length === 0 ? PARSED : INCOMPLETE;
    this.scanner.append(code, position, codeOf(STAGES, o['stage']), codeOf(LEVELS, o['level']), bytes, bodyBytes(o, 'requestObject'), bodyBytes(o, 'responseObject'));
  }

  /** Makes room for a record in the scanner's memory. */
  private room(): void {
    if (this.scanner.recordCount >= MAX_RECORDS) this.parts.push(this.scanner.takeRecords());
  }

  hold(): void {
    // Cut here: records after this are not summed into records before it.
    this.ready.push(this.cut());
    this.held = [];
  }

  settle(keep: boolean): void {
    const held = this.held ?? [];
    held.push(this.cut());
    this.held = undefined;
    if (keep) this.ready.push(...held);
    // Withdrawn: the records go, but the raw keys first seen in them stay known (ids are handed out in order).
    else this.ready.push({ records: new Int32Array(0), keys: held.flatMap((b) => b.keys), extras: [] });
  }

  /**
   * The records since the last take, as a batch of their own (copied: it may be sent to another
   * thread); while holding, only those made before.
   */
  take(): ScanBatch {
    if (this.held !== undefined) this.held.push(this.cut());
    else this.ready.push(this.cut());
    const ready = this.ready;
    this.ready = [];
    return ready.length === 1 ? ready[0]! : merged(ready);
  }

  /** The records made since the last cut, as a batch. */
  private cut(): ScanBatch {
    const last = this.scanner.takeRecords();
    let records = last;
    if (this.parts.length > 0) {
      records = joined([...this.parts, last]);
      this.parts = [];
    }
    const batch: ScanBatch = { records, keys: this.keys, extras: this.extras };
    this.keys = [];
    this.extras = [];
    return batch;
  }
}

/** Batches as one, in order. */
function merged(batches: readonly ScanBatch[]): ScanBatch {
  return { records: joined(batches.map((b) => b.records)), keys: batches.flatMap((b) => b.keys), extras: batches.flatMap((b) => b.extras) };
}

function joined(parts: readonly Int32Array[]): Int32Array<ArrayBuffer> {
  const records = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    records.set(p, o);
    o += p.length;
  }
  return records;
}

/** A body's size re-serialised (the scanner declined the event, so its raw range is unknown). */
function bodyBytes(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (v === undefined || v === null) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(v)) + key.length + 4;
  } catch {
    // Nested deeper than JSON.stringify's stack allows: counted as part of the event, not as a body.
    return 0;
  }
}
