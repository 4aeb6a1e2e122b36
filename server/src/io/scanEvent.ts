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
import { JsonStructure, type KeyPart, type KnownKey } from './jsonStructure.ts';

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

/**
 * The raw key: the bytes that decide the request attributes, and where decode() puts each (a
 * field of the event, or of its user or objectRef object). Equal raw keys give equal attributes,
 * so each distinct one is decoded once. Of requestURI only the path decides: the query
 * (resourceVersion, timeouts, ...) varies per request. user and objectRef count by their fields
 * when they are objects, by their bytes when they are anything else. Parents come before their
 * fields.
 */
const RAW_KEY: readonly (KeyPart & { readonly field: string; readonly parent?: string })[] = [
  { slot: USER, walked: true, field: 'user' },
  { slot: OBJECT_REF, walked: true, field: 'objectRef' },
  { slot: KIND, field: 'kind' },
  { slot: API_VERSION, field: 'apiVersion' },
  { slot: VERB, field: 'verb' },
  { slot: REQUEST_URI, cutQuery: true, field: 'requestURI' },
  ...userKeys.map(([field, slot]) => ({ slot, field, parent: 'user' })),
  ...refKeys.map(([field, slot]) => ({ slot, field, parent: 'objectRef' })),
];
/** Raw-key entries (jsonStructure.wat): an absent value, an object walked for its fields, else [value]. */
const ABSENT = 0;
const WALKED = 1;

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
  private readonly structure = new JsonStructure(CONTEXTS, RAW_KEY);
  private buf: Buffer = this.structure.bytes;
  private start: Int32Array = this.structure.starts;
  private end: Int32Array = this.structure.ends;
  /** The hash of the last scanned event's raw key. */
  hash = 0;
  /** The memory its raw key is in, as words, and where (keyWord, keyWords words long). */
  key: Int32Array = this.structure.words;
  keyWord = 0;
  keyWords = 0;

  /** The events of the next scans lie in b (unchanged until release): it is copied in once. */
  hold(b: Buffer): void {
    this.structure.hold(b);
  }

  release(): void {
    this.structure.release();
  }

  /**
   * Scans the event in b[s, e). False when the bytes need JSON.parse to decide (they may be
   * broken or unusual); the slots are then meaningless.
   */
  scan(b: Buffer, s: number, e: number): boolean {
    const structure = this.structure;
    const at = structure.place(b, s, e);
    const hash = structure.scanEvent(at, at + e - s, SLOTS);
    if (hash < 0) return false;
    // Views of the module's memory, replaced when it grows.
    this.buf = structure.bytes;
    this.start = structure.starts;
    this.end = structure.ends;
    this.key = structure.words;
    this.hash = hash;
    this.keyWord = structure.keyWord;
    this.keyWords = structure.keyWords;
    return true;
  }

  private has(slot: number): boolean {
    return (this.start[slot] as number) >= 0;
  }

  /**
   * The fields eventToAttributes reads, decoded, as a small object equivalent (for it) to the
   * whole event: the raw key is JSON, parsed at once. Throws SyntaxError when a value in it is
   * not valid JSON.
   */
  decode(): Record<string, unknown> {
    const from = this.keyWord * 4;
    const entries = JSON.parse(this.buf.toString('utf8', from, from + this.keyWords * 4)) as unknown[];
    const event: Record<string, unknown> = {};
    RAW_KEY.forEach(({ field, parent }, i) => {
      const entry = entries[i];
      if (entry === ABSENT) return;
      // A field's parent was walked, so it is an object here.
      const target = (parent === undefined ? event : event[parent]) as Record<string, unknown>;
      target[field] = entry === WALKED ? {} : (entry as readonly unknown[])[0];
    });
    return event;
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
      return codeOf(names, JSON.parse(this.buf.toString('utf8', this.start[slot] as number, this.end[slot] as number)));
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
