// The module's tally of walked events (wasm/jsonStructure/, over JsonStructure's instance):
// raw keys remembered with the ids the reader gave them, each event's stage and level read against
// their serialized names and its bodies measured, records made (summed when nobody needs each
// line) in the module's memory. Its `lines` counts the JSON lines of a held chunk without a call
// per line, stopping only where JavaScript must decide.
import { JsonStructure, type KeyPart, type KnownKey } from './jsonStructure.ts';
import {
  BODIES, BODY, BODY_COUNT, BODY_KEY_BYTES, BODY_SLOT, CODE_COUNT, CODE_SLOT, CODE_TABLE, CODE_TABLES, CODE_UNKNOWN, CODE_VALUE, CODE_VALUE_LENGTH, CODE_VALUES, CODES, FIELDS, LINES_DONE, MAX_CODE_BYTES,
  MAX_CODE_VALUES, RECORD_COUNT, RECORDS, STOP_DONE, STOP_END, STOP_FULL, STOP_LINE, STOP_REASON, STOP_UNKNOWN, SUMMING, TALLY_INPUT,
} from './wasm/layout.ts';


/** Why `lines` stopped: at the end, with no room for a record, at an unknown raw key, at a line it leaves to the caller. */
export const Stop = { Done: STOP_DONE, Full: STOP_FULL, Unknown: STOP_UNKNOWN, Line: STOP_LINE } as const;
export type Stop = (typeof Stop)[keyof typeof Stop];

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
    super(contexts, rawKey, TALLY_INPUT);
    const words = new DataView(this.bytes.buffer);
    if (tally.codes.length > CODE_TABLES || tally.bodies.length > BODY_COUNT) throw new RangeError(`the tally reads ${CODE_TABLES} code tables and ${BODY_COUNT} bodies`);
    tally.codes.forEach(({ slot, values, unknown }, t) => {
      const table = CODES + CODE_TABLE * t;
      if (values.length > MAX_CODE_VALUES) throw new RangeError(`a code table holds at most ${MAX_CODE_VALUES} values`);
      words.setInt32(table + CODE_SLOT, slot, true);
      words.setInt32(table + CODE_UNKNOWN, unknown, true);
      words.setInt32(table + CODE_COUNT, values.length, true);
      values.forEach((value, v) => {
        const bytes = Buffer.from(value);
        if (bytes.length > MAX_CODE_BYTES) throw new RangeError(`code value ${value} is longer than ${MAX_CODE_BYTES} bytes`);
        const at = table + CODE_VALUES + CODE_VALUE * v;
        bytes.copy(this.bytes, at);
        words.setInt32(at + CODE_VALUE_LENGTH, bytes.length, true);
      });
    });
    tally.bodies.forEach(({ slot, key }, b) => {
      words.setInt32(BODIES + BODY * b + BODY_SLOT, slot, true);
      // `,"key":` goes with the body when a lower level leaves it out.
      words.setInt32(BODIES + BODY * b + BODY_KEY_BYTES, Buffer.byteLength(`,"${key}":`), true);
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
    return this.state(RECORD_COUNT);
  }

  /** Whether records of one raw-key id, stage and level are summed into one. */
  get summing(): boolean {
    return this.state(SUMMING) === 1;
  }

  set summing(sum: boolean) {
    this.words[SUMMING >> 2] = sum ? 1 : 0;
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
   * first being line `line` + 1, while each is an event whose raw key is remembered: see wasm/jsonStructure/lines.ts.
   * Returns where it stopped (a chunk offset); stopLine, stopReason and stopEnd say the rest.
   */
  lines(s: number, e: number, line: number, maxBytes: number, slots: number): number {
    return this.exports.lines(this.input + s, this.input + e, line, maxBytes, slots, this.keyOut(this.heldEnd)) - this.input;
  }

  /** The lines the last lines() call did. */
  get stopLine(): number {
    return this.state(LINES_DONE);
  }

  get stopReason(): Stop {
    return this.state(STOP_REASON) as Stop;
  }

  /** Where the event it stopped at ends (a chunk offset), for Stop.Unknown. */
  get stopEnd(): number {
    return this.state(STOP_END) - this.input;
  }

  /** An i32 of the tally's state. */
  private state(address: number): number {
    return this.words[address >> 2] as number;
  }
}
