// What the tally reads of a walked event (its codes in the code tables, the bytes of its bodies),
// and the records it makes: appended, or summed into the batch's record of the same raw-key id,
// stage and level when nobody needs each line.
import {
  BODIES, BODY, BODY_KEY_BYTES, BODY_SLOT, CODE_COUNT, CODE_SLOT, CODE_TABLE, CODE_UNKNOWN, CODE_VALUE, CODE_VALUE_LENGTH, CODE_VALUES, CODES, ESCAPED, FIELD_BYTES, FIELD_CODE, FIELD_EVENTS, FIELD_LEVEL,
  FIELD_POSITION, FIELD_REQUEST, FIELD_RESPONSE, FIELD_STAGE, FIELDS, RECORD_COUNT, RECORDS, SLOT_ENDS, SLOT_STARTS, SUM_BITS, SUM_RECORD, SUM_SLOT, SUM_SLOTS, SUMMING, SUMS, VECTOR,
} from '../layout';
import { lanesBelow, QUOTE, stringStop } from './text';

/** Whether the first n bytes (0-16) at a and b are equal. */
@inline
function samePrefix(a: i32, b: i32, n: i32): bool {
  return i8x16.all_true(v128.or(i8x16.eq(v128.load(a), v128.load(b)), v128.not(lanesBelow(n))));
}

/**
 * The code of the last walked event's value in code table t: the index of the value it is, the
 * table's unknown code for anything else (absent included), ESCAPED for a string with an escape.
 */
export function code(t: i32): i32 {
  const table = CODES + t * CODE_TABLE;
  const slot = load<i32>(table, CODE_SLOT);
  const s = load<i32>(SLOT_STARTS + slot * 4);
  if (s < 0) return load<i32>(table, CODE_UNKNOWN);
  const n = load<i32>(SLOT_ENDS + slot * 4) - s;
  const count = load<i32>(table, CODE_COUNT);
  for (let v = 0; v < count; v++) {
    const value = table + CODE_VALUES + v * CODE_VALUE;
    if (
      load<i32>(value, CODE_VALUE_LENGTH) == n &&
      samePrefix(s, value, n < VECTOR ? n : VECTOR) &&
      samePrefix(s + VECTOR, value + VECTOR, n > VECTOR ? n - VECTOR : 0)
    ) {
      return v;
    }
  }
  // A string's content has no raw quote, so its first stop, if any, is an escape.
  if (<i32>load<u8>(s) == QUOTE && stringStop(s + 1, s + n - 1) >= 0) return ESCAPED;
  return load<i32>(table, CODE_UNKNOWN);
}

/** The bytes body b of the last walked event adds to it (key included), 0 when absent or null. */
export function bodyBytes(b: i32): i32 {
  const body = BODIES + b * BODY;
  const slot = load<i32>(body, BODY_SLOT);
  const s = load<i32>(SLOT_STARTS + slot * 4);
  if (s < 0) return 0;
  const n = load<i32>(SLOT_ENDS + slot * 4) - s;
  // null: the one value of 4 bytes that starts with an "n".
  if (n == 4 && <i32>load<u8>(s) == 0x6e) return 0;
  return n + load<i32>(body, BODY_KEY_BYTES);
}

/**
 * Appends a record, or (when summing, for a code >= 0) adds it to the record of the same code,
 * stage and level. The caller makes sure there is room (records < MAX_RECORDS).
 */
export function append(code: i32, position: i32, stage: i32, level: i32, bytes: i32, request: i32, response: i32): void {
  const records = load<i32>(RECORD_COUNT);
  if (load<i32>(SUMMING) != 0 && code >= 0) {
    // Stage and level codes are below 5 (4 values and the unknown code).
    const key = (code * 5 + stage) * 5 + level + 1;
    let sum = SUMS;
    for (let i = (key * <i32>0x9e3779b1) >>> (32 - SUM_BITS); ; i = (i + 1) & (SUM_SLOTS - 1)) {
      sum = SUMS + i * SUM_SLOT;
      const k = load<i32>(sum);
      if (k == 0) break;
      if (k == key) {
        const r = RECORDS + load<i32>(sum, SUM_RECORD) * FIELDS * 4;
        store<i32>(r, load<i32>(r, FIELD_BYTES * 4) + bytes, FIELD_BYTES * 4);
        store<i32>(r, load<i32>(r, FIELD_REQUEST * 4) + request, FIELD_REQUEST * 4);
        store<i32>(r, load<i32>(r, FIELD_RESPONSE * 4) + response, FIELD_RESPONSE * 4);
        store<i32>(r, load<i32>(r, FIELD_EVENTS * 4) + 1, FIELD_EVENTS * 4);
        return;
      }
    }
    store<i32>(sum, key);
    store<i32>(sum, records, SUM_RECORD);
  }
  const r = RECORDS + records * FIELDS * 4;
  store<i32>(r, code, FIELD_CODE * 4);
  store<i32>(r, position, FIELD_POSITION * 4);
  store<i32>(r, stage, FIELD_STAGE * 4);
  store<i32>(r, level, FIELD_LEVEL * 4);
  store<i32>(r, bytes, FIELD_BYTES * 4);
  store<i32>(r, request, FIELD_REQUEST * 4);
  store<i32>(r, response, FIELD_RESPONSE * 4);
  store<i32>(r, 1, FIELD_EVENTS * 4);
  store<i32>(RECORD_COUNT, records + 1);
}

/** Counts the last walked event (`bytes` long) as raw-key id `id`, with the given codes, its bodies measured. */
export function count(id: i32, position: i32, stage: i32, level: i32, bytes: i32): void {
  append(id, position, stage, level, bytes, bodyBytes(0), bodyBytes(1));
}

/** Starts the next batch: no records, nothing to sum into. */
export function clearRecords(): void {
  store<i32>(RECORD_COUNT, 0);
  memory.fill(SUMS, 0, SUM_SLOTS * SUM_SLOT);
}
