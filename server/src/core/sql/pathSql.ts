// The request path in SQL, as the core derives it (request/auditEvent.ts pathOf, request/unescapePath.ts):
// requestURI up to its first "?", percent-decoded when it holds a "%" and every "%" starts a
// valid %XX escape (else left as it is), the decoded bytes read as UTF-8 the way TextDecoder does
// (a leading byte order mark dropped, each maximal ill-formed subsequence replaced by one U+FFFD).
import type { Definitions } from './definitions.ts';

/** A "%" not followed by two hex digits (Go answers 400 to such a URL; the core keeps it undecoded). */
const BAD_ESCAPE = `'%([^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|[0-9A-Fa-f]?$)'`;
const REPLACEMENT = `'\\xEF\\xBF\\xBD'`;
const STATE = 'Tuple(String, UInt8, UInt8, UInt8, UInt8, UInt64)';

/**
 * Definitions of `name` (the path) from `uri` (the requestURI string), with helper columns
 * prefixed by `name`. Valid UTF-8 costs a check; only invalid UTF-8 (a percent-encoded byte that
 * is no character: rare) goes through the WHATWG decoder, byte by byte in an arrayFold.
 */
export function pathDefinitions(name: string, uri: string): Definitions {
  const [raw, bytes, p, folded] = [`${name}_raw`, `${name}_bytes`, `${name}_text`, `${name}_fold`];
  const state = (out: string, need: string, seen: string, lower: string, upper: string, start: string): string =>
    `CAST((${out}, ${need}, ${seen}, ${lower}, ${upper}, ${start}), '${STATE}')`;
  const reset = (out: string): string => state(out, '0', '0', '0x80', '0xBF', '0');
  // State: (output, bytes needed, bytes seen, bounds of the next byte, start of the sequence).
  // `lead` is the decoder's step where a sequence may start (bytes needed 0).
  const lead = (out: string): string =>
    `multiIf(x <= 0x7F, ${reset(`concat(${out}, substring(${p}, i, 1))`)}, ` +
    `x BETWEEN 0xC2 AND 0xDF, ${state(out, '1', '0', '0x80', '0xBF', 'i')}, ` +
    `x BETWEEN 0xE0 AND 0xEF, ${state(out, '2', '0', 'if(x = 0xE0, 0xA0, 0x80)', 'if(x = 0xED, 0x9F, 0xBF)', 'i')}, ` +
    `x BETWEEN 0xF0 AND 0xF4, ${state(out, '3', '0', 'if(x = 0xF0, 0x90, 0x80)', 'if(x = 0xF4, 0x8F, 0xBF)', 'i')}, ` +
    `${reset(`concat(${out}, ${REPLACEMENT})`)})`;
  // A byte out of the bounds ends the sequence as one U+FFFD and is read again as a lead byte.
  const step =
    `(s, x, i) -> multiIf(s.2 = 0, ${lead('s.1')}, x < s.4 OR x > s.5, ${lead(`concat(s.1, ${REPLACEMENT})`)}, ` +
    `s.3 + 1 = s.2, ${reset(`concat(s.1, substring(${p}, s.6, s.2 + 1))`)}, ${state('s.1', 's.2', 's.3 + 1', '0x80', '0xBF', 's.6')})`;
  const [undecoded, valid] = [`${name}_undecoded`, `${name}_valid`];
  return [
    [raw, `substring(${uri}, 1, if(position(${uri}, '?') = 0, length(${uri}), position(${uri}, '?') - 1))`],
    [undecoded, `position(${uri}, '%') = 0 OR match(${raw}, ${BAD_ESCAPE})`],
    [bytes, `if(${undecoded}, '', decodeURLComponent(${raw}))`],
    [p, `if(startsWith(${bytes}, '\\xEF\\xBB\\xBF'), substring(${bytes}, 4), ${bytes})`],
    [valid, `isValidUTF8(${p})`],
    [folded, `if(${valid}, ${reset("''")}, arrayFold(${step}, arrayMap(j -> reinterpretAsUInt8(substring(${p}, j, 1)), range(1, length(${p}) + 1)), range(1, length(${p}) + 1), ${reset("''")}))`],
    [name, `multiIf(${undecoded}, ${raw}, ${valid}, ${p}, ${folded}.2 = 0, ${folded}.1, concat(${folded}.1, ${REPLACEMENT}))`],
  ];
}
