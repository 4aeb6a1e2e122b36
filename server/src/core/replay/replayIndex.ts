// What replay keeps of the logs it has read, built once and re-aggregated on every policy edit.
// Per event only what matching needs survives, interned: events with identical request
// attributes share one key, and identical (key, stage, recorded level) events share one bucket
// that sums their counts and sizes. Nothing here grows with the number of events, only with the
// number of distinct requests.
import type { RequestAttributes, UserInfo } from '../attributes.ts';
import { eventToAttributes } from '../request/auditEvent.ts';

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


const STAGE_LEVEL_CODES = (UNKNOWN_CODE + 1) * (UNKNOWN_CODE + 1);

/**
 * A string as part of a map key: length-prefixed, so that no choice of strings (a log may hold any
 * character) makes two different lists of them the same key. Cheaper than JSON.stringify.
 */
const field = (s: string): string => `${s.length}:${s}`;

/** The map key of what the checker reads of a request, the path only for non-resource requests. */
function classKey(a: RequestAttributes): string {
  let user = '-';
  if (a.user !== null) {
    user = `${field(a.user.name)}${a.user.groups.length}#`;
    for (const g of a.user.groups) user += field(g);
  }
  const rest = `${field(a.verb)}${field(a.namespace)}${field(a.apiGroup)}${field(a.resource)}${field(a.subresource)}`;
  return a.isResourceRequest ? `r${user}|${rest}` : `n${user}|${rest}${field(a.path)}`;
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

  private readonly bucketIds = new Map<number, number>();
  private readonly keyIds = new Map<string, number>();
  private readonly classIds = new Map<string, number>();
  private readonly shapeIds = new Map<string, number>();
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
    const cls = classKey(a);
    let c = this.classIds.get(cls);
    const full = c === undefined ? undefined : `${c}|${field(a.apiVersion)}${field(a.name)}${a.isResourceRequest ? field(a.path) : ''}`;
    const known = full === undefined ? undefined : this.keyIds.get(full);
    if (known !== undefined) return known;
    const id = this.keys.length;
    this.keys.push(c === undefined ? this.canonical(a) : this.ofClass(a, this.keys[this.classExample[c]!]!));
    if (c === undefined) {
      c = this.classExample.push(id) - 1;
      this.classIds.set(cls, c);
    }
    this.keyIds.set(full ?? `${c}|${field(a.apiVersion)}${field(a.name)}${a.isResourceRequest ? field(a.path) : ''}`, id);
    this.keyClass.push(c);
    this.keyShape.push(this.classShape[c] ?? this.newClassShape(c, a, id));
    return id;
  }

  /** The display shape of a new class: a class only adds the groups to its shape. */
  private newClassShape(c: number, a: RequestAttributes, id: number): number {
    const shape = JSON.stringify([a.user?.name ?? null, a.verb, a.isResourceRequest, a.namespace, a.apiGroup, a.resource, a.subresource, a.isResourceRequest ? '' : a.path]);
    let s = this.shapeIds.get(shape);
    if (s === undefined) {
      s = this.shapeExample.push(id) - 1;
      this.shapeIds.set(shape, s);
    }
    this.classShape[c] = s;
    return s;
  }

  /** A key of a known class shares its example's values: the class key says they are equal. */
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


  /** stage and level are codes (index into STAGES / LEVELS, or UNKNOWN_CODE); sizes are the sums over `events` events. */
  addEvent(key: number, stage: number, level: number, bytes: number, requestBodyBytes: number, responseBodyBytes: number, events = 1): void {
    this.events += events;
    const sl = stage * (UNKNOWN_CODE + 1) + level;
    const id = key * STAGE_LEVEL_CODES + sl;
    let b = this.bucketIds.get(id);
    if (b === undefined) {
      b = this.newBucket(key, sl);
      this.bucketIds.set(id, b);
    }
    this.bucketEvents[b]! += events;
    this.bucketBytes[b]! += bytes;
    this.bucketRequestBodyBytes[b]! += requestBodyBytes;
    this.bucketResponseBodyBytes[b]! += responseBodyBytes;
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
    return b;
  }

  private grow(): void {
    const n = this.bucketKey.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const g = make(n);
      g.set(a);
      return g;
    };
    this.bucketKey = grown(this.bucketKey, (k) => new Int32Array(k));
    this.bucketStageLevel = grown(this.bucketStageLevel, (k) => new Uint8Array(k));
    this.bucketEvents = grown(this.bucketEvents, (k) => new Float64Array(k));
    this.bucketBytes = grown(this.bucketBytes, (k) => new Float64Array(k));
    this.bucketRequestBodyBytes = grown(this.bucketRequestBodyBytes, (k) => new Float64Array(k));
    this.bucketResponseBodyBytes = grown(this.bucketResponseBodyBytes, (k) => new Float64Array(k));
  }
}
