// strconv.ParseInt(s, 10, 64) succeeds: optional sign, decimal digits (leading zeros allowed),
// within int64.
const DECIMAL = /^[+-]?\d+$/;
const INT64_MAX = 9223372036854775807n;

export function isInt64(s: string): boolean {
  if (!DECIMAL.test(s)) return false;
  // More than 19 significant digits cannot fit; checked first so a huge string costs no BigInt.
  if (s.replace(/^[+-]?0*/, '').length > 19) return false;
  const n = BigInt(s);
  return n <= INT64_MAX && n >= -INT64_MAX - 1n;
}
