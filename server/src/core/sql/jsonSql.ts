// SQL over JSON text, read the way JSON.parse reads it. An object is parsed once into its members
// (JSONExtractKeysAndValuesRaw: every member in order, repeated keys included, each value as
// compact JSON text), and a member is the LAST one with its key, as JSON.parse keeps it (ClickHouse's
// path functions would take the first). A member's text tells its type by its first character; an
// absent member is ''.
import { sqlString } from './sqlLiteral.ts';

/** SQL: the members of the JSON object in `json` (empty when it is not an object). */
export const membersOf = (json: string): string => `JSONExtractKeysAndValuesRaw(${json})`;

const BOM = `'\\xEF\\xBB\\xBF'`;

/**
 * SQL: whether `text` is JSON as JSON.parse reads it, given its members: ClickHouse's parser also
 * skips a leading byte order mark, JSON.parse does not.
 */
export const isJson = (text: string, members: string): string => `(NOT startsWith(${text}, ${BOM}) AND (notEmpty(${members}) OR isValidJSON(${text})))`;

/** SQL: whether JSON `text` (see isJson) is an object, given its members (an empty object has none). */
export const isJsonObject = (text: string, members: string): string => `(notEmpty(${members}) OR JSONType(${text}) = 'Object')`;

/**
 * SQL: the text of the last member `key` of `members`, '' when absent (its index from the end; an
 * index past the end gives ''). No lambda: ClickHouse computes the reversed keys once for all keys.
 */
export const member = (members: string, key: string): string => `${members}.2[length(${members}) + 1 - indexOf(arrayReverse(${members}.1), ${sqlString(key)})]`;

export const isAbsent = (v: string): string => `(${v} = '')`;
export const isNull = (v: string): string => `(${v} = 'null')`;
export const isAbsentOrNull = (v: string): string => `(${v} IN ('', 'null'))`;
export const isString = (v: string): string => `startsWith(${v}, '"')`;
export const isObject = (v: string): string => `startsWith(${v}, '{')`;
export const isArray = (v: string): string => `startsWith(${v}, '[')`;

/**
 * SQL: the decoded string of a member's text that is a JSON string. Without a backslash it holds
 * no escape (ClickHouse writes a member's text with escapes only where JSON needs them): its
 * characters are the string's, and no parser is needed.
 */
export const decoded = (v: string): string => `if(position(${v}, '\\\\') = 0, substring(${v}, 2, length(${v}) - 2), JSONExtractString(${v}))`;

/** SQL: a member's string, '' when absent or null (the core's optionalString, without its error). */
export const optionalString = (v: string): string => `if(${isString(v)}, ${decoded(v)}, '')`;

/** SQL: whether a member's text is the JSON string `s`. */
export const isStringValue = (v: string, s: string): string => `(${isString(v)} AND ${decoded(v)} = ${sqlString(s)})`;

/**
 * SQL: how the core's describe() names a value in its messages: `null`, `an array`, or its type and
 * its JSON (cut to 40 characters).
 */
export function describe(v: string): string {
  const shown = `if(lengthUTF8(${v}) > 40, concat(substringUTF8(${v}, 1, 40), '…'), ${v})`;
  return (
    `multiIf(${isNull(v)}, 'null', ${isArray(v)}, 'an array', ${isString(v)}, concat('string ', ${shown}), ` +
    `${isObject(v)}, concat('object ', ${shown}), ${v} IN ('true', 'false'), concat('boolean ', ${v}), concat('number ', ${shown}))`
  );
}

/** SQL: like describe(), `nothing` for an absent member. */
export const describeOrNothing = (v: string): string => `if(${isAbsent(v)}, 'nothing', ${describe(v)})`;
