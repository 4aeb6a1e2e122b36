// The JSON structure module (compiled by scripts/wasm/generate.ts into ../jsonStructureWasm.ts):
// the structure of serialized JSON 16 bytes at a time (where a string, a value or a container
// ends), one audit Event's walk for its known keys (taking only what JSON.parse takes) and its raw
// key, and a tally of walked events by raw key, so that a line whose raw key was seen before is
// counted without leaving the module.
// Its memory layout is ../layout.ts; jsonStructure.ts (the structure) and eventTally.ts (the
// tally) are its callers.
import { skipSpace } from './text';
import { keyOf } from './rawKey';
import { walk } from './walk';

export { containerEnd, stringEnd, valueEnd } from './values';
export { lookup, remember } from './table';
export { append, bodyBytes, clearRecords, code, count } from './records';
export { lines } from './lines';

/**
 * Walks the object in [s, e) (spaces around it allowed) for context 0's keys, after marking
 * `slots` slots absent. When it is exactly one well-formed object: writes its raw key at `out`
 * (a word boundary) and returns its hash; else -1.
 */
export function scanEvent(s: i32, e: i32, slots: i32, out: i32): i32 {
  const p = walk(s, e, slots);
  if (p < 0 || skipSpace(p, e) != e) return -1;
  return keyOf(out);
}
