// strconv.ParseInt(s, 10, 64) succeeds: optional sign, decimal digits, within int64.
const DECIMAL = /^[+-]?\d+$/;
const INT64_MAX = 9223372036854775807n;

export function isInt64(s: string): boolean {
  if (!DECIMAL.test(s)) return false;
  const n = BigInt(s);
  return n <= INT64_MAX && n >= -INT64_MAX - 1n;
}
