// The module's tally of walked events (wasm/jsonStructure.wat, over JsonStructure's instance):
// raw keys remembered with the ids the reader gave them, each event's stage and level read against
// their serialized names and its bodies measured, records made (summed when nobody needs each
// line) in the module's memory. Its `lines` counts the JSON lines of a held chunk without a call
// per line, stopping only where JavaScript must decide.
import { JsonStructure, type KeyPart, type KnownKey } from './jsonStructure.ts';

/** The tally's memory layout (jsonStructure.wat). Its state, as i32 indices: records, whether to sum, the last `lines` stop's line, reason, event end. */
const STATE = 3080;
const RECORD_COUNT = STATE >> 2;
const SUMMING = RECORD_COUNT + 1;
const STOP_LINE = RECORD_COUNT + 5;
const STOP_REASON = RECORD_COUNT + 6;
const STOP_END = RECORD_COUNT + 7;
const CODES = 3200;
const CODE_TABLE = 304;
const CODE_VALUE = 48;
const MAX_CODE_VALUES = (CODE_TABLE - 16) / CODE_VALUE;
const MAX_CODE_BYTES = 32;
const BODIES = 3840;
const RECORDS = 135168;
/** The input goes after the tally's regions (the raw-key table, its scratch, the arena). */
const INPUT = 28577792;
/** Records held in the module's memory at once. */
export const MAX_RECORDS = 4096;
/** Int32 fields per record: code, position, stage, level, bytes, request body, response body, events. */
export const FIELDS = 8;

/** Why `lines` stopped: at the end, with no room for a record, at an unknown raw key, at a line it leaves to the caller. */
export const Stop = { Done: 0, Full: 1, Unknown: 2, Line: 3 } as const;
export type Stop = (typeof Stop)[keyof typeof Stop];

/** A code table's answer for a string with an escape: JSON.parse must decide. */
export const ESCAPED = -2;

/**
 * What the tally reads of a scanned event: per code table (stage, level) the slot and its values
 * (as serialized), and the code of anything else; per body (request, response) its slot and key.
 */
export interface TallyRecipe {
  readonly codes: readonly { readonly slot: number; readonly values: readonly string[]; readonly unknown: number }[];
  readonly bodies: readonly { readonly slot: number; readonly key: string }[];
}

export class EventTally extends JsonStructure {
  constructor(contexts: readonly (readonly KnownKey[])[], rawKey: readonly KeyPart[], tally: TallyRecipe) {
    super(contexts, rawKey, INPUT);
    const words = new DataView(this.bytes.buffer);
    if (tally.codes.length > 2 || tally.bodies.length > 2) throw new RangeError('the tally reads two code tables and two bodies');
    tally.codes.forEach(({ slot, values, unknown }, t) => {
      const table = CODES + CODE_TABLE * t;
      if (values.length > MAX_CODE_VALUES) throw new RangeError(`a code table holds at most ${MAX_CODE_VALUES} values`);
      words.setInt32(table, slot, true);
      words.setInt32(table + 4, unknown, true);
      words.setInt32(table + 8, values.length, true);
      values.forEach((value, v) => {
        const bytes = Buffer.from(value);
        if (bytes.length > MAX_CODE_BYTES) throw new RangeError(`code value ${value} is longer than ${MAX_CODE_BYTES} bytes`);
        const at = table + 16 + CODE_VALUE * v;
        bytes.copy(this.bytes, at);
        words.setInt32(at + MAX_CODE_BYTES, bytes.length, true);
      });
    });
    tally.bodies.forEach(({ slot, key }, b) => {
      words.setInt32(BODIES + 8 * b, slot, true);
      // `,"key":` goes with the body when a lower level leaves it out.
      words.setInt32(BODIES + 8 * b + 4, Buffer.byteLength(key) + 4, true);
    });
  }

  /** The id remembered for the last scanned raw key, or -1. */
  lookup(): number {
    return this.exports.lookup();
  }

  /** Remembers the last scanned raw key as id (after a lookup found none). */
  remember(id: number): void {
    this.exports.remember(id);
  }

  /** The last scanned event's code in code table t, or ESCAPED. */
  code(t: number): number {
    return this.exports.code(t);
  }

  /** The bytes body b (of the recipe's) adds to the last scanned event, its key included; 0 when absent or null. */
  bodyBytes(b: number): number {
    return this.exports.bodyBytes(b);
  }

  /** Records held in the module's memory (at most MAX_RECORDS). */
  get recordCount(): number {
    return this.words[RECORD_COUNT] as number;
  }

  /** Whether records of one raw-key id, stage and level are summed into one. */
  get summing(): boolean {
    return this.words[SUMMING] === 1;
  }

  set summing(sum: boolean) {
    this.words[SUMMING] = sum ? 1 : 0;
  }

  /** A record (there must be room). */
  append(code: number, position: number, stage: number, level: number, bytes: number, request: number, response: number): void {
    this.exports.append(code, position, stage, level, bytes, request, response);
  }

  /** The last scanned event as a record of raw-key id `id`, its bodies measured (there must be room). */
  count(id: number, position: number, stage: number, level: number, bytes: number): void {
    this.exports.count(id, position, stage, level, bytes);
  }

  /** The records held, copied out, and none held any more. */
  takeRecords(): Int32Array<ArrayBuffer> {
    const from = RECORDS >> 2;
    const records = this.words.slice(from, from + this.recordCount * FIELDS);
    this.exports.clearRecords();
    return records;
  }

  /**
   * Counts the JSON lines of the held chunk from s (a line's start) to e (after a newline), the
   * first being line `line` + 1, while each is an event whose raw key is remembered: see the .wat.
   * Returns where it stopped (a chunk offset); stopLine, stopReason and stopEnd say the rest.
   */
  lines(s: number, e: number, line: number, maxBytes: number, slots: number): number {
    return this.exports.lines(this.input + s, this.input + e, line, maxBytes, slots, this.keyOut(this.heldEnd)) - this.input;
  }

  /** The lines the last lines() call did. */
  get stopLine(): number {
    return this.words[STOP_LINE] as number;
  }

  get stopReason(): Stop {
    return this.words[STOP_REASON] as Stop;
  }

  /** Where the event it stopped at ends (a chunk offset), for Stop.Unknown. */
  get stopEnd(): number {
    return (this.words[STOP_END] as number) - this.input;
  }
}
