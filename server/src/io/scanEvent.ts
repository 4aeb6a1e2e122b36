// Reads from one serialized audit Event only what the policy checker and the byte estimate need,
// without building the object: top-level keys are walked, bodies are skipped by structure (matched
// brackets, terminated strings). Whatever this scanner is unsure of (an escaped key, deep nesting,
// broken structure) it declines, and the caller falls back to JSON.parse, which then decides.
//
// Why not JSON.parse every line: most of an event's bytes are bodies, annotations and timestamps
// the checker never reads; the fields it does read repeat across millions of events, so they are
// compared as raw bytes (the "raw key") and decoded only the first time they are seen.

import { LEVELS, STAGES } from '../core/model.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const QUESTION = 63;

/** Deeper bodies than this are left to JSON.parse. */
const MAX_DEPTH = 512;

/** Value slots: every field eventToAttributes reads, plus what replay counts. */
const KIND = 0;
const API_VERSION = 1;
const VERB = 2;
const REQUEST_URI = 3;
const USER = 4;
const OBJECT_REF = 5;
const STAGE = 6;
const LEVEL = 7;
const REQUEST_OBJECT = 8;
const RESPONSE_OBJECT = 9;
const USERNAME = 10;
const GROUPS = 11;
const REF_API_GROUP = 12;
const REF_API_VERSION = 13;
const REF_NAMESPACE = 14;
const REF_RESOURCE = 15;
const REF_SUBRESOURCE = 16;
const REF_NAME = 17;
const SLOTS = 18;

const topKeys: readonly (readonly [string, number])[] = [
  ['kind', KIND],
  ['apiVersion', API_VERSION],
  ['verb', VERB],
  ['requestURI', REQUEST_URI],
  ['user', USER],
  ['objectRef', OBJECT_REF],
  ['stage', STAGE],
  ['level', LEVEL],
  ['requestObject', REQUEST_OBJECT],
  ['responseObject', RESPONSE_OBJECT],
];
const userKeys: readonly (readonly [string, number])[] = [
  ['username', USERNAME],
  ['groups', GROUPS],
];
const refKeys: readonly (readonly [string, number])[] = [
  ['apiGroup', REF_API_GROUP],
  ['apiVersion', REF_API_VERSION],
  ['namespace', REF_NAMESPACE],
  ['resource', REF_RESOURCE],
  ['subresource', REF_SUBRESOURCE],
  ['name', REF_NAME],
];

/** Keys by byte length, so a key is compared with at most a few candidates. */
type KeyTable = (readonly (readonly [Uint8Array, number])[] | undefined)[];
function keyTable(keys: readonly (readonly [string, number])[]): KeyTable {
  const table: KeyTable = [];
  for (const [name, slot] of keys) {
    const bytes = new TextEncoder().encode(name);
    table[bytes.length] = [...(table[bytes.length] ?? []), [bytes, slot]];
  }
  return table;
}
const TOP = keyTable(topKeys);
const USER_KEYS = keyTable(userKeys);
const REF_KEYS = keyTable(refKeys);

/** Fields whose raw bytes decide the request attributes, in raw-key order. */
const KEY_SLOTS = [KIND, API_VERSION, VERB, REQUEST_URI, USERNAME, GROUPS, REF_API_GROUP, REF_API_VERSION, REF_NAMESPACE, REF_RESOURCE, REF_SUBRESOURCE, REF_NAME];

const STAGE_NAMES: readonly string[] = STAGES;
const LEVEL_NAMES: readonly string[] = LEVELS;
const quoted = (names: readonly string[]): Uint8Array[] => names.map((n) => new TextEncoder().encode(JSON.stringify(n)));
const STAGE_VALUES = quoted(STAGE_NAMES);
const LEVEL_VALUES = quoted(LEVEL_NAMES);

/** Code for a stage or level that is absent or not one of the known names. */
export const UNKNOWN_CODE = 4;

const stack = new Uint8Array(MAX_DEPTH);

const isSpace = (c: number | undefined): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** Index after the string starting at p (a quote), or -1 when it does not end before e. */
function stringEnd(b: Buffer, p: number, e: number): number {
  let q = p + 1;
  for (;;) {
    // Short strings (most keys and values) are cheaper to walk than to hand to indexOf.
    const stop = Math.min(q + 24, e);
    while (q < stop && b[q] !== QUOTE) q++;
    if (q === stop) {
      if (q >= e) return -1;
      q = b.indexOf(QUOTE, q);
      if (q < 0 || q >= e) return -1;
    }
    let k = q - 1;
    while (b[k] === BACKSLASH) k--;
    if (((q - 1 - k) & 1) === 0) return q + 1;
    q++;
  }
}

function containerEnd(b: Buffer, p: number, e: number): number {
  let depth = 0;
  for (let i = p; i < e; i++) {
    const c = b[i] as number;
    if (c === QUOTE) {
      const end = stringEnd(b, i, e);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === LBRACE || c === LBRACKET) {
      if (depth === MAX_DEPTH) return -1;
      stack[depth++] = c;
    } else if (c === RBRACE || c === RBRACKET) {
      // "}" is "{" + 2 and "]" is "[" + 2.
      if (depth === 0 || stack[--depth] !== c - 2) return -1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function valueEnd(b: Buffer, p: number, e: number): number {
  const c = b[p];
  if (c === QUOTE) return stringEnd(b, p, e);
  if (c === LBRACE || c === LBRACKET) return containerEnd(b, p, e);
  let i = p;
  while (i < e) {
    const d = b[i] as number;
    if (d === COMMA || d === RBRACE || d === RBRACKET || d <= 32) break;
    i++;
  }
  return i === p ? -1 : i;
}

function keySlot(table: KeyTable, b: Buffer, ks: number, ke: number): number {
  const candidates = table[ke - ks];
  if (candidates === undefined) return -1;
  for (const [bytes, slot] of candidates) {
    let i = 0;
    while (i < bytes.length && b[ks + i] === bytes[i]) i++;
    if (i === bytes.length) return slot;
  }
  return -1;
}

function codeOf(values: readonly Uint8Array[], b: Buffer, s: number, e: number): number {
  for (let v = 0; v < values.length; v++) {
    const bytes = values[v] as Uint8Array;
    if (bytes.length !== e - s) continue;
    let i = 0;
    while (i < bytes.length && b[s + i] === bytes[i]) i++;
    if (i === bytes.length) return v;
  }
  return -1;
}

/**
 * One scanner per reader; it keeps the slots of the last event scanned. Not re-entrant: read the
 * results before scanning the next event.
 */
export class EventScanner {
  private buf: Buffer = Buffer.alloc(0);
  private readonly start = new Int32Array(SLOTS);
  private readonly end = new Int32Array(SLOTS);

  /**
   * Scans the event in b[s, e). False when the bytes need JSON.parse to decide (they may be
   * broken or unusual); the slots are then meaningless.
   */
  scan(b: Buffer, s: number, e: number): boolean {
    this.buf = b;
    this.start.fill(-1);
    let p = this.object(TOP, b, s, e);
    if (p < 0) return false;
    while (p < e && isSpace(b[p])) p++;
    if (p !== e) return false;
    return this.nested(USER, USER_KEYS) && this.nested(OBJECT_REF, REF_KEYS);
  }

  /** Walks an object's keys from its "{" at s; records known keys' value ranges; index after "}". */
  private object(table: KeyTable, b: Buffer, s: number, e: number): number {
    let p = s;
    while (p < e && isSpace(b[p])) p++;
    if (b[p] !== LBRACE) return -1;
    p++;
    while (p < e && isSpace(b[p])) p++;
    if (b[p] === RBRACE) return p + 1;
    for (;;) {
      if (b[p] !== QUOTE) return -1;
      const ks = p + 1;
      const kEnd = stringEnd(b, p, e);
      if (kEnd < 0) return -1;
      const ke = kEnd - 1;
      for (let i = ks; i < ke; i++) if (b[i] === BACKSLASH) return -1;
      p = kEnd;
      while (p < e && isSpace(b[p])) p++;
      if (b[p] !== COLON) return -1;
      p++;
      while (p < e && isSpace(b[p])) p++;
      const vs = p;
      p = valueEnd(b, p, e);
      if (p < 0) return -1;
      // A repeated key overwrites the earlier one, as JSON.parse does.
      const slot = keySlot(table, b, ks, ke);
      if (slot >= 0) {
        this.start[slot] = vs;
        this.end[slot] = p;
      }
      while (p < e && isSpace(b[p])) p++;
      if (b[p] === COMMA) {
        p++;
        while (p < e && isSpace(b[p])) p++;
        continue;
      }
      if (b[p] === RBRACE) return p + 1;
      return -1;
    }
  }

  private nested(slot: number, table: KeyTable): boolean {
    const s = this.start[slot] as number;
    if (s < 0 || this.buf[s] !== LBRACE) return true;
    return this.object(table, this.buf, s, this.end[slot] as number) >= 0;
  }

  private has(slot: number): boolean {
    return (this.start[slot] as number) >= 0;
  }

  private isObject(slot: number): boolean {
    return this.has(slot) && this.buf[this.start[slot] as number] === LBRACE;
  }

  /** The bytes that decide the request attributes: equal raw keys give equal attributes. */
  rawKey(): string {
    let key = '';
    // Whether user and objectRef are objects, present or absent, is part of the key too.
    key += String.fromCharCode(65 + (this.isObject(USER) ? 2 : this.has(USER) ? 1 : 0));
    key += String.fromCharCode(65 + (this.isObject(OBJECT_REF) ? 2 : this.has(OBJECT_REF) ? 1 : 0));
    if (this.has(USER) && !this.isObject(USER)) key += this.part(USER, this.end[USER] as number);
    if (this.has(OBJECT_REF) && !this.isObject(OBJECT_REF)) key += this.part(OBJECT_REF, this.end[OBJECT_REF] as number);
    for (const slot of KEY_SLOTS) {
      if (!this.has(slot)) continue;
      if ((slot >= USERNAME && slot <= GROUPS && !this.isObject(USER)) || (slot >= REF_API_GROUP && !this.isObject(OBJECT_REF))) continue;
      let e = this.end[slot] as number;
      // Only the path decides: the query (resourceVersion, timeouts, ...) varies per request.
      if (slot === REQUEST_URI) {
        const q = this.buf.indexOf(QUESTION, this.start[slot] as number);
        if (q >= 0 && q < e) e = q;
      }
      key += String.fromCharCode(97 + slot) + this.part(slot, e);
    }
    return key;
  }

  private part(slot: number, e: number): string {
    const s = this.start[slot] as number;
    const n = e - s;
    return String.fromCharCode(n & 0xffff, n >>> 16) + this.buf.toString('latin1', s, e);
  }

  /**
   * The fields eventToAttributes reads, decoded, as a small object equivalent (for it) to the
   * whole event. Throws SyntaxError when one of them is not valid JSON.
   */
  decode(): Record<string, unknown> {
    const event: Record<string, unknown> = {};
    const put = (target: Record<string, unknown>, name: string, slot: number): void => {
      if (this.has(slot)) target[name] = this.value(slot);
    };
    put(event, 'kind', KIND);
    put(event, 'apiVersion', API_VERSION);
    put(event, 'verb', VERB);
    put(event, 'requestURI', REQUEST_URI);
    for (const [name, slot, keys] of [
      ['user', USER, userKeys],
      ['objectRef', OBJECT_REF, refKeys],
    ] as const) {
      if (!this.isObject(slot)) {
        put(event, name, slot);
        continue;
      }
      const nested: Record<string, unknown> = {};
      for (const [field, sub] of keys) put(nested, field, sub);
      event[name] = nested;
    }
    return event;
  }

  private value(slot: number): unknown {
    return JSON.parse(this.buf.toString('utf8', this.start[slot] as number, this.end[slot] as number)) as unknown;
  }

  /** Index into STAGES, or UNKNOWN_CODE. */
  stage(): number {
    return this.code(STAGE, STAGE_VALUES, STAGE_NAMES);
  }

  /** Index into LEVELS, or UNKNOWN_CODE. */
  level(): number {
    return this.code(LEVEL, LEVEL_VALUES, LEVEL_NAMES);
  }

  private code(slot: number, values: readonly Uint8Array[], names: readonly string[]): number {
    if (!this.has(slot)) return UNKNOWN_CODE;
    const direct = codeOf(values, this.buf, this.start[slot] as number, this.end[slot] as number);
    if (direct >= 0) return direct;
    // Escaped spellings are legal JSON; decode them rather than call them unknown.
    try {
      const i = names.indexOf(this.value(slot) as string);
      return i >= 0 ? i : UNKNOWN_CODE;
    } catch {
      return UNKNOWN_CODE;
    }
  }

  /** Bytes of the requestObject member (key included), 0 when absent or null. */
  requestBodyBytes(): number {
    return this.bodyBytes(REQUEST_OBJECT, 'requestObject');
  }

  responseBodyBytes(): number {
    return this.bodyBytes(RESPONSE_OBJECT, 'responseObject');
  }

  private bodyBytes(slot: number, key: string): number {
    if (!this.has(slot)) return 0;
    const s = this.start[slot] as number;
    const e = this.end[slot] as number;
    if (e - s === 4 && this.buf[s] === 110) return 0;
    // `,"key":` goes with the body when a lower level leaves it out.
    return e - s + key.length + 4;
  }
}

const ITEMS = new TextEncoder().encode('items');

/**
 * Whether the object starting at s has an "items" array among its keys before e (which may cut
 * the object short): how an EventList (or any list) is told from an event.
 */
export function hasItemsArray(b: Buffer, s: number, e: number): boolean {
  let p = s;
  while (p < e && isSpace(b[p])) p++;
  if (b[p] !== LBRACE) return false;
  p++;
  for (;;) {
    while (p < e && isSpace(b[p])) p++;
    if (b[p] !== QUOTE) return false;
    const kEnd = stringEnd(b, p, e);
    if (kEnd < 0) return false;
    const isItems = kEnd - p - 2 === ITEMS.length && ITEMS.every((c, i) => b[p + 1 + i] === c);
    p = kEnd;
    while (p < e && isSpace(b[p])) p++;
    if (b[p] !== COLON) return false;
    p++;
    while (p < e && isSpace(b[p])) p++;
    if (isItems && b[p] === LBRACKET) return true;
    p = valueEnd(b, p, e);
    if (p < 0) return false;
    while (p < e && isSpace(b[p])) p++;
    if (b[p] !== COMMA) return false;
    p++;
  }
}

/** Whether b[s, e) holds exactly one complete JSON object or array (surrounding spaces allowed). */
export function isOneContainer(b: Buffer, s: number, e: number): boolean {
  let p = s;
  while (p < e && isSpace(b[p])) p++;
  if (b[p] !== LBRACE && b[p] !== LBRACKET) return false;
  p = containerEnd(b, p, e);
  if (p < 0) return false;
  while (p < e && isSpace(b[p])) p++;
  return p === e;
}
