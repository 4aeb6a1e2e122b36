// The per-event work of reading a log, done where the bytes are (the main thread or an ingest
// worker): scan the event, look its raw key up, decode first sights, fall back to JSON.parse.
// The output is compact records (numbers, plus the request attributes of first sights and the
// messages of errors) that the main thread applies to the ReplayIndex in input order
// (BatchApplier). Records can cross threads: nothing in them points into the log's bytes.
import type { RequestAttributes } from '../core/attributes.ts';
import { LEVELS, STAGES } from '../core/model.ts';
import { codeOf } from '../core/replay/replayIndex.ts';
import { eventToAttributes } from '../core/request/auditEvent.ts';
import { RawKeyCache } from './rawKeyCache.ts';
import type { RecordSink } from './recordSink.ts';
import { EventScanner } from './scanEvent.ts';

/** Record codes below 0; a code >= 0 is the builder's own id of the event's raw key. */
export const PARSED = -1;
export const FAILED = -2;
/**
 * Int32 fields per record: code, position (0 = none), stage, level, bytes, request body, response
 * body, events (more than 1 when summed).
 */
export const FIELDS = 8;

export interface ScanBatch {
  readonly records: Int32Array<ArrayBuffer>;
  /**
   * Per raw-key id first seen in this batch (ids grow by one from 0 over a builder's life), its
   * request attributes: the applier interns each once.
   */
  readonly keys: RequestAttributes[];
  /** In record order: of each PARSED record its request attributes, of each FAILED one its message. */
  readonly extras: (RequestAttributes | string)[];
}

export class BatchBuilder implements RecordSink {
  /**
   * Sum the events of one raw key, stage and level into the batch's first record of them, when
   * nobody needs each event's line: far fewer records to send and apply. Sums stay within int32
   * (a batch holds at most a chunk and one event of bytes).
   */
  sum = false;
  /** (raw-key id, stage, level) → its record's offset, while summing. */
  private sums = new Map<number, number>();
  private readonly scanner = new EventScanner();
  private readonly cache = new RawKeyCache();
  private nextKey = 0;
  private records = new Int32Array(FIELDS * 1024);
  private count = 0;
  private keys: RequestAttributes[] = [];
  private extras: (RequestAttributes | string)[] = [];

  record(b: Buffer, s: number, e: number, position: number): void {
    const scanner = this.scanner;
    if (!scanner.scan(b, s, e)) return this.parse(b, s, e, position);
    let id = this.cache.get(scanner);
    if (id === undefined) {
      let decoded: unknown;
      try {
        decoded = scanner.decode();
      } catch {
        return this.parse(b, s, e, position);
      }
      // Only audit Events are remembered: a hostile log must not fill the cache with garbage.
      const checked = eventToAttributes(decoded);
      if (!checked.ok) return this.error(position, checked.error);
      id = this.nextKey++;
      this.cache.set(scanner, id);
      this.keys.push(checked.attributes);
    }
    this.push(id, position, scanner.stage(), scanner.level(), e - s, scanner.requestBodyBytes(), scanner.responseBodyBytes());
  }

  chunk(b: Buffer | undefined): void {
    if (b === undefined) this.scanner.release();
    else this.scanner.hold(b);
  }

  error(position: number | null, message: string): void {
    this.extras.push(message);
    this.push(FAILED, position ?? 0, 0, 0, 0, 0, 0);
  }

  /** What the scanner declines, JSON.parse decides; its verdict is the reference. */
  private parse(b: Buffer, s: number, e: number, position: number): void {
    let event: unknown;
    try {
      event = JSON.parse(b.toString('utf8', s, e));
    } catch (err) {
      return this.error(position, `invalid JSON: ${(err as Error).message}`);
    }
    const checked = eventToAttributes(event);
    if (!checked.ok) return this.error(position, checked.error);
    const o = event as Record<string, unknown>;
    this.extras.push(checked.attributes);
    this.push(PARSED, position, codeOf(STAGES, o['stage']), codeOf(LEVELS, o['level']), e - s, bodyBytes(o, 'requestObject'), bodyBytes(o, 'responseObject'));
  }

  private push(code: number, position: number, stage: number, level: number, bytes: number, req: number, resp: number): void {
    if (this.sum && code >= 0) {
      const id = (code * 5 + stage) * 5 + level;
      const at = this.sums.get(id);
      if (at !== undefined) {
        const r = this.records;
        r[at + 4]! += bytes;
        r[at + 5]! += req;
        r[at + 6]! += resp;
        r[at + 7]! += 1;
        return;
      }
      this.sums.set(id, this.count);
    }
    if (this.count + FIELDS > this.records.length) {
      const grown = new Int32Array(this.records.length * 2);
      grown.set(this.records);
      this.records = grown;
    }
    const r = this.records;
    const o = this.count;
    r[o] = code;
    r[o + 1] = position;
    r[o + 2] = stage;
    r[o + 3] = level;
    r[o + 4] = bytes;
    r[o + 5] = req;
    r[o + 6] = resp;
    r[o + 7] = 1;
    this.count = o + FIELDS;
  }

  /** The records since the last take, as a batch of their own (copied: it may be sent to another thread). */
  take(): ScanBatch {
    const batch: ScanBatch = { records: this.records.slice(0, this.count), keys: this.keys, extras: this.extras };
    this.count = 0;
    this.sums.clear();
    this.keys = [];
    this.extras = [];
    return batch;
  }
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
