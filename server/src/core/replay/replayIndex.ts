// What replay keeps of the logs it has read, built once and re-aggregated on every policy edit.
// Per event only what matching needs survives, interned: events with identical request
// attributes share one key, and identical (key, stage, recorded level) events share one bucket
// that sums their counts and sizes. Nothing here grows with the number of events, only with the
// number of distinct requests.
import type { RequestAttributes, UserInfo } from '../attributes.ts';
import { eventToAttributes } from '../request/auditEvent.ts';
import { HASH_SEED, hashString, IdTable } from './idTable.ts';

/** Stage or level code of an event that has none, or one that is not a known name. */
export const UNKNOWN_CODE = 4;

/** The code of a recorded stage or level: its index in STAGES or LEVELS, else UNKNOWN_CODE. */
export function codeOf(names: readonly string[], value: unknown): number {
  const i = typeof value === 'string' ? names.indexOf(value) : -1;
  return i >= 0 ? i : UNKNOWN_CODE;
}

export interface ReplayError {
  /** The log as given on the command line or picked in the editor. */
  readonly file: string;
  /** 1-based line (JSON lines) or item position (lists); null for a problem with the whole file. */
  readonly line: number | null;
  readonly message: string;
}

/** Errors kept with their location; beyond this only their number grows. */
export const MAX_KEPT_ERRORS = 1000;

/**
 * A string as part of a map key: length-prefixed, so that no choice of strings (a log may hold any
 * character) makes two different lists of them the same key.
 */
const field = (s: string): string => `${s.length}:${s}`;

/** Of what the checker reads, all but the groups: a request's display shape. */
function shapeHash(a: RequestAttributes): number {
  let h = hashString(HASH_SEED, a.user === null ? '' : a.user.name);
  h = Math.imul(h ^ (a.user === null ? 1 : 2) ^ (a.isResourceRequest ? 4 : 8), 16777619);
  for (const s of [a.verb, a.namespace, a.apiGroup, a.resource, a.subresource]) h = hashString(h, s);
  return a.isResourceRequest ? h : hashString(h, a.path);
}

function sameShape(a: RequestAttributes, b: RequestAttributes): boolean {
  return (
    (a.user === null ? b.user === null : b.user !== null && a.user.name === b.user.name) &&
    a.verb === b.verb &&
    a.isResourceRequest === b.isResourceRequest &&
    a.namespace === b.namespace &&
    a.apiGroup === b.apiGroup &&
    a.resource === b.resource &&
    a.subresource === b.subresource &&
    (a.isResourceRequest || a.path === b.path)
  );
}

/** What the checker reads (checker.go): the shape and the groups. */
function classHash(a: RequestAttributes): number {
  let h = shapeHash(a);
  if (a.user !== null) for (const g of a.user.groups) h = hashString(h, g);
  return h;
}

function sameClass(a: RequestAttributes, b: RequestAttributes): boolean {
  if (!sameShape(a, b)) return false;
  if (a.user === null || b.user === null) return true;
  const [x, y] = [a.user.groups, b.user.groups];
  return x.length === y.length && x.every((g, i) => g === y[i]);
}

const INITIAL_BUCKETS = 1024;

export class ReplayIndex {
  /** Distinct request attributes (what eventToAttributes gave), by key id. */
  readonly keys: RequestAttributes[] = [];
  /** Per key: its class, the attributes the checker can tell apart when no rule lists resourceNames. */
  readonly keyClass: number[] = [];
  /** Per class: one key of it (all keys of a class evaluate alike unless names matter). */
  readonly classExample: number[] = [];
  /** Per key: its display shape (user, verb, group/resource/subresource or path, namespace). */
  readonly keyShape: number[] = [];
  /** Per shape: one key of it, for its display fields. */
  readonly shapeExample: number[] = [];
  /** The logs read, in order, as given. */
  readonly files: string[] = [];

  events = 0;
  /** Events whose envelope did not carry all the checker reads (e.g. GKE entries: no user groups). */
  incompleteEvents = 0;
  /** Per missing field (core/envelope/missingFields.ts), the events without it. */
  readonly missing = new Map<string, number>();
  errorCount = 0;
  readonly errors: ReplayError[] = [];

  // Buckets: parallel columns, grown by doubling.
  bucketCount = 0;
  bucketKey = new Int32Array(INITIAL_BUCKETS);
  /** stage * 5 + level. */
  bucketStageLevel = new Uint8Array(INITIAL_BUCKETS);
  bucketEvents = new Float64Array(INITIAL_BUCKETS);
  bucketBytes = new Float64Array(INITIAL_BUCKETS);
  bucketRequestBodyBytes = new Float64Array(INITIAL_BUCKETS);
  bucketResponseBodyBytes = new Float64Array(INITIAL_BUCKETS);
  /**
   * A key's buckets (a few: one per stage and level seen) as a chain: its last bucket (-1 for
   * none), and per bucket the key's bucket before it. A lookup walks a handful of int32s, where a
   * map of (key, stage, level) would hash each event.
   */
  private keyLastBucket = new Int32Array(INITIAL_BUCKETS).fill(-1);
  private bucketBefore = new Int32Array(INITIAL_BUCKETS);

  private readonly keyIds = new IdTable();
  private readonly classIds = new IdTable();
  private readonly shapeIds = new IdTable();
  private readonly classShape: number[] = [];
  private readonly strings = new Map<string, string>();
  private readonly groupLists = new Map<string, readonly string[]>();
  /** Why the last intern() returned -1. Not kept per event: a hostile log could make millions. */
  lastRejection = '';

  /**
   * Interns an event, or the part of it eventToAttributes reads: its key id, or -1 when it is not
   * an audit Event (then `lastRejection` says why).
   */
  intern(event: unknown): number {
    const result = eventToAttributes(event);
    if (!result.ok) {
      this.lastRejection = result.error;
      return -1;
    }
    return this.internAttributes(result.attributes);
  }

  /** Interns attributes that eventToAttributes gave: their key id. */
  internAttributes(a: RequestAttributes): number {
    // checker.go reads user, groups, verb, namespace, group, resource, subresource, name (only for
    // resourceNames) and, for non-resource requests, the path: the class drops the rest.
    const ch = classHash(a);
    let c = this.classIds.find(ch, (k) => sameClass(a, this.keys[this.classExample[k]!]!));
    let kh = 0;
    if (c >= 0) {
      kh = this.keyHash(c, a);
      const known = this.keyIds.find(kh, (id) => this.sameKey(id, c, a));
      if (known >= 0) return known;
    }
    const id = this.keys.length;
    this.keys.push(c < 0 ? this.canonical(a) : this.ofClass(a, this.keys[this.classExample[c]!]!));
    if (id === this.keyLastBucket.length) this.keyLastBucket = grown(this.keyLastBucket, -1);
    if (c < 0) {
      c = this.classExample.push(id) - 1;
      this.classIds.add(ch, c);
      kh = this.keyHash(c, a);
    }
    this.keyIds.add(kh, id);
    this.keyClass.push(c);
    this.keyShape.push(this.classShape[c] ?? this.newClassShape(c, a, id));
    return id;
  }

  /** Within a class, a key adds the apiVersion, the name and (for resources) the path. */
  private keyHash(c: number, a: RequestAttributes): number {
    const h = hashString(hashString(Math.imul(HASH_SEED ^ c, 16777619), a.apiVersion), a.name);
    return a.isResourceRequest ? hashString(h, a.path) : h;
  }

  private sameKey(id: number, c: number, a: RequestAttributes): boolean {
    const k = this.keys[id]!;
    return this.keyClass[id] === c && k.apiVersion === a.apiVersion && k.name === a.name && (!a.isResourceRequest || k.path === a.path);
  }

  /** The display shape of a new class: a class only adds the groups to its shape. */
  private newClassShape(c: number, a: RequestAttributes, id: number): number {
    const h = shapeHash(a);
    let s = this.shapeIds.find(h, (k) => sameShape(a, this.keys[this.shapeExample[k]!]!));
    if (s < 0) {
      s = this.shapeExample.push(id) - 1;
      this.shapeIds.add(h, s);
    }
    this.classShape[c] = s;
    return s;
  }

  /** A key of a known class shares its example's values: being of one class, they are equal. */
  private ofClass(a: RequestAttributes, example: RequestAttributes): RequestAttributes {
    return {
      user: example.user,
      verb: example.verb,
      isResourceRequest: a.isResourceRequest,
      namespace: example.namespace,
      apiGroup: example.apiGroup,
      apiVersion: this.pooled(a.apiVersion),
      resource: example.resource,
      subresource: example.subresource,
      name: a.name,
      path: a.isResourceRequest ? a.path : example.path,
    };
  }

  private pooled(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /**
   * Shares equal strings and group lists between keys: many keys, few distinct values. Names and
   * paths are mostly distinct (every created object has its own name), so they are not pooled.
   */
  private canonical(a: RequestAttributes): RequestAttributes {
    let user: UserInfo | null = null;
    if (a.user !== null) {
      // Length-prefixed: a group name may hold any character, a newline too.
      const g = a.user.groups.map(field).join('');
      let groups = this.groupLists.get(g);
      if (groups === undefined) {
        groups = Object.freeze(a.user.groups.map((x) => this.pooled(x)));
        this.groupLists.set(g, groups);
      }
      user = { name: this.pooled(a.user.name), groups };
    }
    return {
      user,
      verb: this.pooled(a.verb),
      isResourceRequest: a.isResourceRequest,
      namespace: this.pooled(a.namespace),
      apiGroup: this.pooled(a.apiGroup),
      apiVersion: this.pooled(a.apiVersion),
      resource: this.pooled(a.resource),
      subresource: this.pooled(a.subresource),
      name: a.name,
      path: a.path,
    };
  }

  /** key is an id intern gave; stage and level are codes (index into STAGES / LEVELS, or UNKNOWN_CODE); sizes are the sums over `events` events. */
  addEvent(key: number, stage: number, level: number, bytes: number, requestBodyBytes: number, responseBodyBytes: number, events = 1): void {
    this.events += events;
    const sl = stage * (UNKNOWN_CODE + 1) + level;
    let b = this.keyLastBucket[key]!;
    while (b >= 0 && this.bucketStageLevel[b] !== sl) b = this.bucketBefore[b]!;
    if (b < 0) b = this.newBucket(key, sl);
    this.bucketEvents[b]! += events;
    this.bucketBytes[b]! += bytes;
    this.bucketRequestBodyBytes[b]! += requestBodyBytes;
    this.bucketResponseBodyBytes[b]! += responseBodyBytes;
  }

  /** Counts one incomplete event (also counted by addEvent), by what it lacks. */
  addIncomplete(missing: readonly string[]): void {
    this.incompleteEvents++;
    for (const m of missing) this.missing.set(m, (this.missing.get(m) ?? 0) + 1);
  }

  addError(error: ReplayError): void {
    this.errorCount++;
    if (this.errors.length < MAX_KEPT_ERRORS) this.errors.push(error);
  }

  private newBucket(key: number, stageLevel: number): number {
    if (this.bucketCount === this.bucketKey.length) this.grow();
    const b = this.bucketCount++;
    this.bucketKey[b] = key;
    this.bucketStageLevel[b] = stageLevel;
    this.bucketBefore[b] = this.keyLastBucket[key]!;
    this.keyLastBucket[key] = b;
    return b;
  }

  private grow(): void {
    this.bucketKey = grown(this.bucketKey);
    this.bucketStageLevel = grown(this.bucketStageLevel);
    this.bucketEvents = grown(this.bucketEvents);
    this.bucketBytes = grown(this.bucketBytes);
    this.bucketRequestBodyBytes = grown(this.bucketRequestBodyBytes);
    this.bucketResponseBodyBytes = grown(this.bucketResponseBodyBytes);
    this.bucketBefore = grown(this.bucketBefore);
  }
}

/** Twice as long, the new half filled with `fill`. */
function grown<T extends Int32Array | Uint8Array | Float64Array>(a: T, fill = 0): T {
  const g = new (a.constructor as new (n: number) => T)(a.length * 2);
  g.set(a);
  if (fill !== 0) g.fill(fill, a.length);
  return g;
}
