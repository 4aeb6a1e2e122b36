// The memory layout of the JSON structure module, and the numbers it and its callers agree on,
// declared once: the module (AssemblyScript, ./jsonStructure/) imports this file, and so do
// jsonStructure.ts and eventTally.ts. Addresses are byte offsets in the module's memory; each
// region follows the one before it.
//
// The same text is AssemblyScript (i32 constants) and TypeScript (numbers): only sums, products
// and shifts here (the two languages divide differently).

/** Per slot (the value of a known key), where its value starts (-1: absent) and ends: i32s. */
export const MAX_SLOTS = 32;
export const SLOT_STARTS = 0;
export const SLOT_ENDS = SLOT_STARTS + 4 * MAX_SLOTS;

/**
 * Known keys, KEY_BYTES each: the key's bytes zero-padded to MAX_KEY_BYTES (compared as one
 * vector), then i32s: its length, its slot, its child context (-1: none; an object value of the
 * key is walked for that context's keys).
 */
export const MAX_KEY_BYTES = 16;
export const MAX_KEYS = 24;
export const KEY_BYTES = 32;
export const KEY_LENGTH = MAX_KEY_BYTES;
export const KEY_SLOT = KEY_LENGTH + 4;
export const KEY_CHILD = KEY_SLOT + 4;
export const KEYS = SLOT_ENDS + 4 * MAX_SLOTS;

/**
 * Key contexts, CONTEXT_BYTES each: per key length 0 to MAX_KEY_BYTES the context's keys of that
 * length (a PAIR of i32s: the index of the first, and at PAIR_COUNT how many; keys are stored
 * grouped by length), then the same pair for all its keys (at ALL_KEYS).
 */
export const MAX_CONTEXTS = 7;
export const PAIR = 8;
export const PAIR_COUNT = 4;
export const ALL_KEYS = PAIR * (MAX_KEY_BYTES + 1);
export const CONTEXT_BYTES = ALL_KEYS + PAIR;
export const CONTEXTS = KEYS + KEY_BYTES * MAX_KEYS;

/** The bracket stack of a container scan: a byte per level. */
export const MAX_DEPTH = 512;
export const STACK = CONTEXTS + CONTEXT_BYTES * MAX_CONTEXTS;

/**
 * The raw-key recipe: how many entries (an i32), then entry k's slot and flags, i32s at
 * RECIPE + RECIPE_ENTRY * k + RECIPE_SLOT and + RECIPE_FLAGS.
 */
export const MAX_RECIPE = 63;
export const RECIPE_ENTRY = 8;
export const RECIPE_SLOT = 4;
export const RECIPE_FLAGS = 8;
export const RECIPE = STACK + MAX_DEPTH;
/** Recipe flags: an object value counts as walked (its children have entries); a string is cut at its first "?". */
export const WALKED = 1;
export const CUT_QUERY = 2;

/**
 * A raw key is a JSON array with an entry per recipe entry: RAW_KEY_ABSENT for an absent value,
 * RAW_KEY_WALKED for an object walked for its children, else [the value's bytes].
 */
export const RAW_KEY_ABSENT = 0;
export const RAW_KEY_WALKED = 1;

/** Where the last raw key was written, and its size in bytes (a multiple of 16): i32s. */
export const KEY_AT = RECIPE + 4 + RECIPE_ENTRY * MAX_RECIPE;
export const KEY_SIZE = KEY_AT + 4;

/**
 * The tally's state, i32s: records held, whether to sum them, raw keys remembered, arena bytes
 * used, the last raw key's hash; of the last `lines` call: the last line it did, why it stopped,
 * and where the event it stopped at ends.
 */
export const RECORD_COUNT = KEY_SIZE + 4;
export const SUMMING = RECORD_COUNT + 4;
export const ENTRIES = SUMMING + 4;
export const ARENA_USED = ENTRIES + 4;
export const LAST_HASH = ARENA_USED + 4;
export const LINES_DONE = LAST_HASH + 4;
export const STOP_REASON = LINES_DONE + 4;
export const STOP_END = STOP_REASON + 4;

/** Why `lines` stopped: at the end, with no room for a record, at an unknown raw key, at a line it leaves to the caller. */
export const STOP_DONE = 0;
export const STOP_FULL = 1;
export const STOP_UNKNOWN = 2;
export const STOP_LINE = 3;

/**
 * Code tables (stage, level), CODE_TABLE bytes each: i32s (its slot, the code of a value that is
 * none of its values, how many values), then from CODE_VALUES per value (CODE_VALUE bytes) its
 * serialized bytes zero-padded to MAX_CODE_BYTES and their length (an i32 at CODE_VALUE_LENGTH).
 */
export const CODE_TABLES = 2;
export const MAX_CODE_VALUES = 6;
export const MAX_CODE_BYTES = 32;
export const CODE_VALUE_LENGTH = MAX_CODE_BYTES;
export const CODE_VALUE = MAX_CODE_BYTES + 16;
export const CODE_SLOT = 0;
export const CODE_UNKNOWN = 4;
export const CODE_COUNT = 8;
export const CODE_VALUES = 16;
export const CODE_TABLE = CODE_VALUES + CODE_VALUE * MAX_CODE_VALUES;
/** Vectors are read from here on: aligned to 16 bytes. */
export const CODES = (STOP_END + 4 + 15) & ~15;
/** A code table's answer for a string with an escape: JSON.parse must decide. */
export const ESCAPED = -2;

/** Bodies (request, response), BODY bytes each: i32s, its slot and the bytes its key adds (`,"key":`). */
export const BODY_COUNT = 2;
export const BODY = 8;
export const BODY_SLOT = 0;
export const BODY_KEY_BYTES = 4;
export const BODIES = CODES + CODE_TABLE * CODE_TABLES;

/** Where a plain structure's input goes (it keeps no tally): after the structure's regions, rounded up to 4 KiB. */
export const STRUCTURE_INPUT = (BODIES + BODY * BODY_COUNT + 4095) & ~4095;

/**
 * The sums of a batch: an open-addressing table of SUM_SLOTS slots, SUM_SLOT bytes each, i32s:
 * (record code, stage, level) + 1 (0: empty), and at SUM_RECORD the index of its record.
 */
export const SUM_BITS = 14;
export const SUM_SLOTS = 1 << SUM_BITS;
export const SUM_SLOT = 8;
export const SUM_RECORD = 4;
export const SUMS = STRUCTURE_INPUT;

/** Records: FIELDS i32s each, these in this order (`events` is more than 1 when summed). */
export const FIELDS = 8;
export const FIELD_CODE = 0;
export const FIELD_POSITION = 1;
export const FIELD_STAGE = 2;
export const FIELD_LEVEL = 3;
export const FIELD_BYTES = 4;
export const FIELD_REQUEST = 5;
export const FIELD_RESPONSE = 6;
export const FIELD_EVENTS = 7;
export const MAX_RECORDS = 4096;
export const RECORDS = SUMS + SUM_SLOT * SUM_SLOTS;

/**
 * The raw keys remembered: an open-addressing table of TABLE_SLOT bytes per slot, i32s: hash + 1
 * (0: empty), where the key is in the arena, its size, its id. It starts at INITIAL_SLOTS and
 * doubles up to MAX_TABLE_SLOTS (a table larger than the keys in it misses the processor's
 * caches); SCRATCH holds the old slots while it doubles; the arena holds the keys one after another.
 */
export const TABLE_SLOT = 16;
export const SLOT_HASH = 0;
export const SLOT_AT = 4;
export const SLOT_SIZE = 8;
export const SLOT_ID = 12;
export const INITIAL_SLOTS = 1 << 12;
export const MAX_TABLE_SLOTS = 1 << 17;
/** Keys remembered at most: the table at most half full. */
export const MAX_ENTRIES = MAX_TABLE_SLOTS >> 1;
export const TABLE = RECORDS + 4 * FIELDS * MAX_RECORDS;
export const SCRATCH = TABLE + TABLE_SLOT * MAX_TABLE_SLOTS;
export const ARENA = SCRATCH + TABLE_SLOT * (MAX_TABLE_SLOTS >> 1);
export const ARENA_END = ARENA + (24 << 20);

/**
 * Where the tally's input goes: the bytes scanned, followed by at least VECTOR bytes of room
 * (vector loads may read past the end; a byte found there is never taken for the input's). The
 * caller places the input and says where the raw key goes (past every byte still to be scanned).
 */
export const TALLY_INPUT = ARENA_END;
export const VECTOR = 16;
