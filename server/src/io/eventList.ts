// What makes a top-level JSON object a list of events, as JSON.parse sees it: its last "items" key
// (escapes decoded) holds an array, and the object is not an audit Event itself (an Event may
// carry an "items" field; eventToAttributes decides, as for any line).
import { eventToAttributes } from '../core/request/auditEvent.ts';
import { sharedStructure } from './jsonStructure.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const LBRACE = 123;
const LBRACKET = 91;
const ITEMS = Buffer.from('items');
/** No spelling of "items" is longer (each letter as \uXXXX). */
const MAX_ITEMS_KEY = 6 * ITEMS.length;

const isSpace = (c: number | undefined): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** Whether the key whose raw bytes (between its quotes) are b[s, e) is "items", escapes decoded. */
export function isItemsKey(b: Uint8Array, s: number, e: number): boolean {
  if (e - s === ITEMS.length) return ITEMS.equals(b.subarray(s, e));
  if (e - s > MAX_ITEMS_KEY || b.subarray(s, e).indexOf(BACKSLASH) < 0) return false;
  try {
    return JSON.parse(`"${Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8')}"`) === 'items';
  } catch {
    return false;
  }
}

/** Whether a parsed value is a list of events: an object whose items is an array, and not an audit Event. */
export function isListObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Array.isArray((v as { items?: unknown }).items) && !eventToAttributes(v).ok;
}

/**
 * Whether the last "items" key among the top-level keys of the object starting at head[s] (which e
 * may cut short, or which may be broken further on) holds an array, as far as it can be read.
 */
export function lastItemsIsArray(head: Buffer, s: number, e: number): boolean {
  const j = sharedStructure();
  const start = j.place(head, s, e);
  const end = start + e - s;
  const b = j.bytes;
  let items = false;
  let p = start;
  if (b[p] !== LBRACE) return false;
  p++;
  for (;;) {
    while (p < end && isSpace(b[p])) p++;
    if (p >= end || b[p] !== QUOTE) return items;
    const keyEnd = j.stringEnd(p + 1, end);
    if (keyEnd < 0) return items;
    const isItems = isItemsKey(b, p + 1, keyEnd - 1);
    p = keyEnd;
    while (p < end && isSpace(b[p])) p++;
    if (p >= end || b[p] !== COLON) return items;
    p++;
    while (p < end && isSpace(b[p])) p++;
    if (isItems) items = p < end && b[p] === LBRACKET;
    p = j.valueEnd(p, end);
    if (p < 0) return items;
    while (p < end && isSpace(b[p])) p++;
    if (p >= end || b[p] !== COMMA) return items;
    p++;
  }
}
