// Reads from one serialized audit Event only what the policy checker and the byte estimate need,
// without building the object: top-level keys are walked, bodies are skipped by structure (matched
// brackets, terminated strings). Whatever this scanner is unsure of (an escaped key, deep nesting,
// broken structure) it declines, and the caller falls back to JSON.parse, which then decides.
//
// Why not JSON.parse every line: most of an event's bytes are bodies, annotations and timestamps
// the checker never reads; the fields it does read repeat across millions of events, so they are
// compared as raw bytes (the "raw key") and decoded only the first time they are seen.

import { LEVELS, STAGES } from '../core/model.ts';
import { codeOf, UNKNOWN_CODE } from '../core/replay/replayIndex.ts';
import { JsonStructure, type KnownKey } from './jsonStructure.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const LBRACE = 123;
const QUESTION = 63;

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

const USER_CONTEXT = 1;
const REF_CONTEXT = 2;
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
/** The walk's key contexts: the event's keys, then those of its user and objectRef objects. */
const CONTEXTS: readonly (readonly KnownKey[])[] = [
  topKeys.map(([name, slot]) => ({ name, slot, child: slot === USER ? USER_CONTEXT : slot === OBJECT_REF ? REF_CONTEXT : undefined })),
  userKeys.map(([name, slot]) => ({ name, slot })),
  refKeys.map(([name, slot]) => ({ name, slot })),
];

/** Fields whose raw bytes decide the request attributes, in raw-key order. */
const KEY_SLOTS = [KIND, API_VERSION, VERB, REQUEST_URI, USERNAME, GROUPS, REF_API_GROUP, REF_API_VERSION, REF_NAMESPACE, REF_RESOURCE, REF_SUBRESOURCE, REF_NAME];

/** Stages and levels as they appear serialized, compared as bytes. */
const quoted = (names: readonly string[]): Uint8Array[] => names.map((n) => new TextEncoder().encode(JSON.stringify(n)));
const STAGE_VALUES = quoted(STAGES);
const LEVEL_VALUES = quoted(LEVELS);

/** Which of the serialized constants b[s, e) is, or -1. */
function constantIndex(values: readonly Uint8Array[], b: Buffer, s: number, e: number): number {
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
  private readonly structure = new JsonStructure(CONTEXTS);
  private buf: Buffer = this.structure.bytes;
  private start: Int32Array = this.structure.starts;
  private end: Int32Array = this.structure.ends;

  /**
   * Scans the event in b[s, e). False when the bytes need JSON.parse to decide (they may be
   * broken or unusual); the slots are then meaningless.
   */
  scan(b: Buffer, s: number, e: number): boolean {
    const structure = this.structure;
    const at = structure.load(b, s, e);
    // Views of the module's memory, replaced when it grows.
    this.buf = structure.bytes;
    this.start = structure.starts;
    this.end = structure.ends;
    return structure.scanObject(at, at + e - s, SLOTS);
  }

  private has(slot: number): boolean {
    return (this.start[slot] as number) >= 0;
  }

  private isObject(slot: number): boolean {
    return this.has(slot) && this.buf[this.start[slot] as number] === LBRACE;
  }

  // The raw key: the bytes that decide the request attributes, as segments (tag, start, end).
  // Equal raw keys give equal attributes, so each distinct one is decoded once.
  private readonly segTag = new Int32Array(KEY_SLOTS.length + 3);
  private readonly segStart = new Int32Array(KEY_SLOTS.length + 3);
  private readonly segEnd = new Int32Array(KEY_SLOTS.length + 3);
  private segments = 0;

  private segment(tag: number, s: number, e: number): void {
    const n = this.segments++;
    this.segTag[n] = tag;
    this.segStart[n] = s;
    this.segEnd[n] = e;
  }

  private collectSegments(): void {
    this.segments = 0;
    const userObject = this.isObject(USER);
    const refObject = this.isObject(OBJECT_REF);
    // Whether user and objectRef are objects, present or absent, is part of the key.
    this.segment(64 + (userObject ? 2 : this.has(USER) ? 1 : 0) * 4 + (refObject ? 2 : this.has(OBJECT_REF) ? 1 : 0), 0, 0);
    if (this.has(USER) && !userObject) this.segment(USER, this.start[USER] as number, this.end[USER] as number);
    if (this.has(OBJECT_REF) && !refObject) this.segment(OBJECT_REF, this.start[OBJECT_REF] as number, this.end[OBJECT_REF] as number);
    for (const slot of KEY_SLOTS) {
      if (!this.has(slot)) continue;
      if ((slot === USERNAME || slot === GROUPS) && !userObject) continue;
      if (slot >= REF_API_GROUP && !refObject) continue;
      const s = this.start[slot] as number;
      let e = this.end[slot] as number;
      // Only the path decides: the query (resourceVersion, timeouts, ...) varies per request.
      if (slot === REQUEST_URI) {
        const b = this.buf;
        for (let i = s; i < e; i++) {
          if (b[i] === QUESTION) {
            e = i;
            break;
          }
        }
      }
      this.segment(slot, s, e);
    }
  }

  /** The current buffer as words (raw keys are hashed and compared four bytes at a time). */
  private words(): DataView {
    if (this.viewOf !== this.buf) {
      this.viewOf = this.buf;
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    }
    return this.view;
  }
  private viewOf: Buffer | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));

  /** An FNV-1a-style hash of the raw key, over 32-bit words. Call first: it collects the segments. */
  keyHash(): number {
    this.collectSegments();
    const b = this.buf;
    const v = this.words();
    let h = 0x811c9dc5;
    for (let n = 0; n < this.segments; n++) {
      const s = this.segStart[n] as number;
      const e = this.segEnd[n] as number;
      h = Math.imul(h ^ ((this.segTag[n] as number) | ((e - s) << 8)), 16777619);
      let i = s;
      for (; i + 4 <= e; i += 4) h = Math.imul(h ^ v.getUint32(i, true), 16777619);
      for (; i < e; i++) h = Math.imul(h ^ (b[i] as number), 16777619);
    }
    return (h ^ (h >>> 15)) & 0x3fffffff;
  }

  /** Bytes of the raw key (after keyHash): per segment its tag, its length (4 bytes) and its bytes. */
  keySize(): number {
    let size = 0;
    for (let n = 0; n < this.segments; n++) size += 5 + (this.segEnd[n] as number) - (this.segStart[n] as number);
    return size;
  }

  /** Writes the raw key (keySize bytes) into `out` at `at`; `view` is a DataView over `out`. */
  writeKey(out: Uint8Array, view: DataView, at: number): void {
    let o = at;
    for (let n = 0; n < this.segments; n++) {
      const s = this.segStart[n] as number;
      const e = this.segEnd[n] as number;
      out[o] = this.segTag[n] as number;
      view.setUint32(o + 1, e - s, true);
      out.set(this.buf.subarray(s, e), o + 5);
      o += 5 + e - s;
    }
  }

  /** Whether key[at, at + size) (from writeKey; `view` over key) is the raw key of the event hashed last. */
  keyEquals(key: Uint8Array, view: DataView, at: number, size: number): boolean {
    const b = this.buf;
    const v = this.words();
    const end = at + size;
    let o = at;
    for (let n = 0; n < this.segments; n++) {
      const s = this.segStart[n] as number;
      const len = (this.segEnd[n] as number) - s;
      if (o + 5 + len > end || key[o] !== this.segTag[n] || view.getUint32(o + 1, true) !== len) return false;
      o += 5;
      let i = 0;
      for (; i + 4 <= len; i += 4) if (view.getUint32(o + i, true) !== v.getUint32(s + i, true)) return false;
      for (; i < len; i++) if (key[o + i] !== b[s + i]) return false;
      o += len;
    }
    return o === end;
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
    const b = this.buf;
    const s = this.start[slot] as number;
    const e = this.end[slot] as number;
    // A plain string (no escape, no control character) decodes as JSON.parse would decode it.
    if (b[s] === QUOTE) {
      let i = s + 1;
      while (i < e - 1 && (b[i] as number) >= 0x20 && b[i] !== BACKSLASH) i++;
      if (i === e - 1) return b.toString('utf8', s + 1, e - 1);
    }
    return JSON.parse(b.toString('utf8', s, e)) as unknown;
  }

  /** Index into STAGES, or UNKNOWN_CODE. */
  stage(): number {
    return this.code(STAGE, STAGE_VALUES, STAGES);
  }

  /** Index into LEVELS, or UNKNOWN_CODE. */
  level(): number {
    return this.code(LEVEL, LEVEL_VALUES, LEVELS);
  }

  private code(slot: number, values: readonly Uint8Array[], names: readonly string[]): number {
    if (!this.has(slot)) return UNKNOWN_CODE;
    const direct = constantIndex(values, this.buf, this.start[slot] as number, this.end[slot] as number);
    if (direct >= 0) return direct;
    // Escaped spellings are legal JSON; decode them rather than call them unknown.
    try {
      return codeOf(names, this.value(slot));
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
