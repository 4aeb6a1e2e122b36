// Reads from one serialized audit Event only what the policy checker and the byte estimate need,
// without building the object: top-level keys are walked, bodies are checked (as JSON.parse checks
// them) and skipped. Whatever this scanner is unsure of (an escaped key, deep nesting, anything
// JSON.parse rejects) it declines, and the caller falls back to JSON.parse, which then decides.
//
// Why not JSON.parse every line: most of an event's bytes are bodies, annotations and timestamps
// the checker never reads; the fields it does read repeat across millions of events, so they are
// compared as raw bytes (the "raw key") and decoded only the first time they are seen.

import { LEVELS, STAGES } from '../core/model.ts';
import { codeOf, UNKNOWN_CODE } from '../core/replay/replayIndex.ts';
import { EventTally, type TallyRecipe } from './eventTally.ts';
import type { KeyPart, KnownKey } from './jsonStructure.ts';
import { ESCAPED, RAW_KEY_ABSENT, RAW_KEY_WALKED } from './wasm/layout.ts';

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

/** What the tally reads: stage and level (as serialized), the bodies' sizes. */
const TALLY: TallyRecipe = {
  codes: [
    { slot: STAGE, values: STAGES.map((n) => JSON.stringify(n)), unknown: UNKNOWN_CODE },
    { slot: LEVEL, values: LEVELS.map((n) => JSON.stringify(n)), unknown: UNKNOWN_CODE },
  ],
  bodies: [
    { slot: REQUEST_OBJECT, key: 'requestObject' },
    { slot: RESPONSE_OBJECT, key: 'responseObject' },
  ],
};
const STAGE_CODES = 0;
const LEVEL_CODES = 1;
const REQUEST_BODY = 0;
const RESPONSE_BODY = 1;

/**
 * The structure scanner set up for audit Events: one per reader; it keeps the slots of the last
 * event scanned. Not re-entrant: read the results before scanning the next event.
 */
export class EventScanner extends EventTally {
  constructor() {
    super(CONTEXTS, RAW_KEY, TALLY);
  }

  /**
   * Scans the event in b[s, e). False when the bytes need JSON.parse to decide (they may be
   * broken or unusual); the slots are then meaningless.
   */
  scan(b: Buffer, s: number, e: number): boolean {
    const at = this.place(b, s, e);
    return this.scanEvent(at, at + e - s, SLOTS) >= 0;
  }

  /** Counts the lines of the held chunk from s to e as the events they are, as far as it can (see EventTally.lines). */
  countLines(s: number, e: number, line: number, maxBytes: number): number {
    return this.lines(s, e, line, maxBytes, SLOTS);
  }

  /**
   * The fields eventToAttributes reads, decoded, as a small object equivalent (for it) to the
   * whole event: the raw key is JSON, parsed at once. Throws SyntaxError when a value in it is
   * not valid JSON.
   */
  decode(): Record<string, unknown> {
    const from = this.keyWord * 4;
    const entries = JSON.parse(this.bytes.toString('utf8', from, from + this.keyWords * 4)) as unknown[];
    const event: Record<string, unknown> = {};
    RAW_KEY.forEach(({ field, parent }, i) => {
      const entry = entries[i];
      if (entry === RAW_KEY_ABSENT) return;
      // A field's parent was walked, so it is an object here.
      const target = (parent === undefined ? event : event[parent]) as Record<string, unknown>;
      target[field] = entry === RAW_KEY_WALKED ? {} : (entry as readonly unknown[])[0];
    });
    return event;
  }

  /** Index into STAGES, or UNKNOWN_CODE. */
  stage(): number {
    return this.decodedCode(STAGE_CODES, STAGE, STAGES);
  }

  /** Index into LEVELS, or UNKNOWN_CODE. */
  level(): number {
    return this.decodedCode(LEVEL_CODES, LEVEL, LEVELS);
  }

  private decodedCode(table: number, slot: number, names: readonly string[]): number {
    const code = this.code(table);
    if (code !== ESCAPED) return code;
    // Escaped spellings are legal JSON; decode them rather than call them unknown.
    try {
      return codeOf(names, JSON.parse(this.bytes.toString('utf8', this.starts[slot] as number, this.ends[slot] as number)));
    } catch {
      return UNKNOWN_CODE;
    }
  }

  /** Bytes of the requestObject member (key included), 0 when absent or null. */
  requestBodyBytes(): number {
    return this.bodyBytes(REQUEST_BODY);
  }

  responseBodyBytes(): number {
    return this.bodyBytes(RESPONSE_BODY);
  }
}
