// The structure of serialized JSON, found by the WebAssembly module of wasm/jsonStructure/ (16
// bytes at a time): where strings, values and containers end, and one object's walk for known
// keys. Bytes are placed in the module's memory first (copied, or found in a held chunk);
// positions are then in `bytes`. The module's tally of events by raw key is EventTally's
// (eventTally.ts), over the same instance.
//
// Why WebAssembly: walking the bytes of events was the largest part of replay's ingest time, and
// JavaScript has no vector compares. The walk (scanEvent, and the tally's lines) takes only what
// JSON.parse takes (the module's grammar.ts); stringEnd, valueEnd and containerEnd answer by
// structure, not grammar (its values.ts).
import {
  ALL_KEYS, CONTEXT_BYTES, CONTEXTS, CUT_QUERY, KEY_AT, KEY_BYTES, KEY_CHILD, KEY_LENGTH, KEY_SIZE, KEY_SLOT, KEYS, MAX_CONTEXTS, MAX_KEY_BYTES, MAX_KEYS, MAX_RECIPE, MAX_SLOTS, PAIR,
  PAIR_COUNT, RECIPE, RECIPE_ENTRY, RECIPE_FLAGS, RECIPE_SLOT, SLOT_ENDS, SLOT_STARTS, STRUCTURE_INPUT, VECTOR, WALKED,
} from './wasm/layout.ts';
import { JSON_STRUCTURE_WASM } from './wasm/jsonStructureWasm.ts';

/** Vector loads read up to a vector past the input; the raw key follows it. */
const ROOM = VECTOR;
/** A raw key beyond the bytes of its values: under 5 per part (brackets, comma, a quote after a cut), padding (a vector store) to a vector. */
const KEY_ROOM = 5 * MAX_RECIPE + 2 * VECTOR;
/**
 * The largest chunk held: larger ones are placed a range at a time (the module's memory never
 * shrinks, and would keep room for twice the chunk).
 */
const MAX_HELD = 8 << 20;
const PAGE = 1 << 16;

/** The module's exports (the tally's are EventTally's to call). */
interface Exports {
  readonly memory: WebAssembly.Memory;
  stringEnd(p: number, e: number): number;
  containerEnd(p: number, e: number): number;
  valueEnd(p: number, e: number): number;
  scanEvent(s: number, e: number, slots: number, out: number): number;
  lookup(): number;
  remember(id: number): void;
  code(table: number): number;
  bodyBytes(body: number): number;
  append(code: number, position: number, stage: number, level: number, bytes: number, request: number, response: number): void;
  count(id: number, position: number, stage: number, level: number, bytes: number): void;
  clearRecords(): void;
  lines(p: number, e: number, line: number, maxBytes: number, slots: number, out: number): number;
}

/** A key an object walk records: its value's range goes to `slot`; `child` walks an object value for that context's keys. */
export interface KnownKey {
  readonly name: string;
  readonly slot: number;
  readonly child?: number;
}

/**
 * One part of the raw key: a slot's value bytes (with cutQuery, up to its first "?"); with walked, an
 * object value counts as walked for its children (which have parts of their own), not as bytes.
 */
export interface KeyPart {
  readonly slot: number;
  readonly walked?: boolean;
  readonly cutQuery?: boolean;
}

// Compiled once per thread; each JsonStructure has its own instance (memory).
let compiled: WebAssembly.Module | undefined;

export class JsonStructure {
  protected readonly exports: Exports;
  /** The module's memory (replaced when it grows): input bytes from `input` on. */
  bytes!: Buffer;
  /** The same memory as 32-bit words (raw keys are compared a word at a time). */
  words!: Int32Array;
  /** Per slot, where its key's value starts in `bytes` (-1 = absent) and ends, after scanEvent. */
  starts!: Int32Array;
  ends!: Int32Array;
  /** The chunk held (its bytes from `input` on), and where they end. */
  private held: Uint8Array | undefined;
  protected heldEnd: number;

  /**
   * `contexts[0]` is the keys scanEvent walks for; the others are children. `rawKey` lists what
   * of the slots makes an event's raw key.
   */
  constructor(
    contexts: readonly (readonly KnownKey[])[] = [[]],
    rawKey: readonly KeyPart[] = [],
    protected readonly input = STRUCTURE_INPUT,
  ) {
    if (typeof WebAssembly !== 'object') throw new Error('reading audit logs needs WebAssembly, which this Node.js runtime lacks (was it started with --jitless?)');
    compiled ??= new WebAssembly.Module(Buffer.from(JSON_STRUCTURE_WASM, 'base64'));
    this.exports = new WebAssembly.Instance(compiled, {}).exports as unknown as Exports;
    this.views();
    this.heldEnd = input;
    // What lies below the input (EventTally's tables) is reserved at once: pages never written are not backed by memory.
    this.reserve(input + ROOM);
    if (contexts.length > MAX_CONTEXTS) throw new RangeError(`${contexts.length} key contexts do not fit`);
    const words = new DataView(this.bytes.buffer);
    let k = 0;
    contexts.forEach((keys, c) => {
      const table = CONTEXTS + CONTEXT_BYTES * c;
      const pair = (at: number, first: number, count: number): void => {
        words.setInt32(table + at, first, true);
        words.setInt32(table + at + PAIR_COUNT, count, true);
      };
      pair(ALL_KEYS, k, keys.length);
      const encoded = keys.map((key) => ({ ...key, bytes: Buffer.from(key.name) })).sort((a, b) => a.bytes.length - b.bytes.length);
      for (let length = 0; length <= MAX_KEY_BYTES; length++) {
        const same = encoded.filter((key) => key.bytes.length === length);
        pair(PAIR * length, k, same.length);
        for (const { name, bytes, slot, child } of same) {
          if (k === MAX_KEYS || slot >= MAX_SLOTS) throw new RangeError(`known key ${name} does not fit`);
          const at = KEYS + KEY_BYTES * k++;
          bytes.copy(this.bytes, at);
          words.setInt32(at + KEY_LENGTH, bytes.length, true);
          words.setInt32(at + KEY_SLOT, slot, true);
          words.setInt32(at + KEY_CHILD, child ?? -1, true);
        }
      }
      if (encoded.some((key) => key.bytes.length > MAX_KEY_BYTES)) throw new RangeError(`known keys are at most ${MAX_KEY_BYTES} bytes`);
    });
    if (rawKey.length > MAX_RECIPE) throw new RangeError(`a raw key of ${rawKey.length} parts does not fit`);
    words.setInt32(RECIPE, rawKey.length, true);
    rawKey.forEach(({ slot, walked, cutQuery }, i) => {
      words.setInt32(RECIPE + RECIPE_ENTRY * i + RECIPE_SLOT, slot, true);
      words.setInt32(RECIPE + RECIPE_ENTRY * i + RECIPE_FLAGS, (walked ? WALKED : 0) | (cutQuery ? CUT_QUERY : 0), true);
    });
  }

  private views(): void {
    const buffer = this.exports.memory.buffer;
    this.bytes = Buffer.from(buffer);
    this.words = new Int32Array(buffer);
    this.starts = new Int32Array(buffer, SLOT_STARTS, MAX_SLOTS);
    this.ends = new Int32Array(buffer, SLOT_ENDS, MAX_SLOTS);
  }

  /**
   * Copies all of b in, so that place() finds ranges of it without copying each: for the many
   * records of one chunk. b must not change until release().
   */
  hold(b: Uint8Array): void {
    this.release();
    if (b.length > MAX_HELD) return;
    // Room for a raw key of any of its lines too (see lines()).
    this.reserve(this.keyOut(this.input + b.length) + b.length + KEY_ROOM);
    this.bytes.set(b, this.input);
    this.held = b;
    this.heldEnd = this.input + b.length;
  }

  /** Whether b is the chunk held. */
  holds(b: Uint8Array): boolean {
    return b === this.held;
  }

  release(): void {
    this.held = undefined;
    this.heldEnd = this.input;
  }

  /** Where b[s, e) is in `bytes` (it ends e - s later): in the held chunk, or copied in after it. */
  place(b: Uint8Array, s: number, e: number): number {
    if (b === this.held) return this.input + s;
    const at = this.heldEnd + ROOM;
    this.reserve(at + e - s + ROOM);
    this.bytes.set(new Uint8Array(b.buffer, b.byteOffset + s, e - s), at);
    return at;
  }

  /** Grows the memory (replacing the views; its bytes stay) to at least `bytes`. */
  private reserve(bytes: number): void {
    const have = this.bytes.length;
    if (bytes > have) {
      this.exports.memory.grow(Math.ceil((bytes - have) / PAGE));
      this.views();
    }
  }

  /**
   * Walks the object in [s, e) (a place's range) for context 0's keys, the first `slots` slots
   * cleared first. When it is one well-formed object: the hash of its raw key (keyWord, keyWords),
   * else -1.
   */
  scanEvent(s: number, e: number, slots: number): number {
    const out = this.keyOut(Math.max(e, this.heldEnd));
    // At most the values' bytes (within [s, e)) and KEY_ROOM.
    this.reserve(out + e - s + KEY_ROOM);
    return this.exports.scanEvent(s, e, slots, out);
  }

  /** Where a raw key goes: past every byte still to be scanned (the line, or the rest of its chunk). */
  protected keyOut(end: number): number {
    return (end + ROOM + 3) & ~3;
  }

  /** Where the raw key of the last scanEvent starts in `words`. */
  get keyWord(): number {
    return (this.words[KEY_AT >> 2] as number) >> 2;
  }

  /** Its length in words. */
  get keyWords(): number {
    return (this.words[KEY_SIZE >> 2] as number) >> 2;
  }

  /** Index after the string whose content starts at p (after its quote), or -1. */
  stringEnd(p: number, e: number): number {
    return this.exports.stringEnd(p, e);
  }

  /** Index after the value at p, or -1. */
  valueEnd(p: number, e: number): number {
    return this.exports.valueEnd(p, e);
  }

  /** Index after the object or array whose bracket is at p, or -1. */
  containerEnd(p: number, e: number): number {
    return this.exports.containerEnd(p, e);
  }
}

let shared: JsonStructure | undefined;

/**
 * A plain instance (no known keys, no raw key) per thread, for the splitters' questions about
 * structure. Synchronous use only: what one caller holds or places is its own until it returns.
 */
export const sharedStructure = (): JsonStructure => (shared ??= new JsonStructure());
