// Counting JSON lines without leaving the module: each line's event is walked, its raw key looked
// up, its codes read and its record made, until a line JavaScript must decide.
import { ESCAPED, LINES_DONE, MAX_RECORDS, RECORD_COUNT, STOP_DONE, STOP_END, STOP_FULL, STOP_LINE, STOP_REASON, STOP_UNKNOWN } from '../layout';
import { keyOf } from './rawKey';
import { code, count } from './records';
import { lookup } from './table';
import { CR, NEWLINE, OPEN_BRACE, SPACE, TAB, walkWithinLine } from './text';
import { walk } from './walk';

/** Past the spaces, tabs and CRs at p (not a newline). */
function skipBlank(p: i32, e: i32): i32 {
  for (; p < e; p++) {
    const c: i32 = load<u8>(p);
    if (c != SPACE && c != TAB && c != CR) break;
  }
  return p;
}

/**
 * Counts the JSON lines from p (a line's start) to e (after a newline), the first being line
 * `line` + 1, while each is an event (an object of at most maxBytes, CR stripped) whose raw key is
 * remembered and whose codes need no decoding. Returns the start of the line it stopped at, and
 * stores the lines done (LINES_DONE) and why it stopped (STOP_REASON): DONE (at e), FULL (no room
 * for a record), UNKNOWN (an event whose raw key is not remembered: its walk is the last one),
 * LINE (anything else: the caller reads that line its own way). The line stopped at is not done;
 * for UNKNOWN, STOP_END holds where its event ends (its newline, or the CR before it).
 */
export function lines(p: i32, e: i32, line: i32, maxBytes: i32, slots: i32, out: i32): i32 {
  let why = STOP_DONE;
  walkWithinLine(true);
  while (p < e) {
    why = STOP_FULL;
    if (load<i32>(RECORD_COUNT) >= MAX_RECORDS) break;
    why = STOP_LINE;
    if (<i32>load<u8>(p) != OPEN_BRACE) break;
    // The event is walked first, within its line: where it ends, after spaces, its line must end.
    // The line's bytes are read once.
    let nl = walk(p, e, slots);
    if (nl < 0) break;
    nl = skipBlank(nl, e);
    if (nl >= e || <i32>load<u8>(nl) != NEWLINE) break;
    // One CR before the newline belongs to the line's end: the caller strips it too.
    const end = <i32>load<u8>(nl - 1) == CR ? nl - 1 : nl;
    store<i32>(STOP_END, end);
    if (end - p > maxBytes) break;
    keyOf(out);
    const id = lookup();
    why = STOP_UNKNOWN;
    if (id < 0) break;
    // The two code tables: stage and level.
    const stage = code(0);
    const level = code(1);
    why = STOP_LINE;
    if (stage == ESCAPED || level == ESCAPED) break;
    count(id, ++line, stage, level, end - p);
    p = nl + 1;
    why = STOP_DONE;
  }
  walkWithinLine(false);
  store<i32>(LINES_DONE, line);
  store<i32>(STOP_REASON, why);
  return p;
}
