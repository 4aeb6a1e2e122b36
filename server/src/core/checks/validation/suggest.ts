// "Did you mean" for enumerated values (levels, stages): a case-insensitive match first, else the
// closest by edit distance when it is close enough to be a typo.
import { closest, distance } from 'fastest-levenshtein';

export function suggest(value: string, allowed: readonly string[]): string {
  const same = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (same) return ` Values are case-sensitive: did you mean "${same}"?`;
  const best = closest(value, [...allowed]);
  return distance(value, best) <= 3 ? ` Did you mean "${best}"?` : '';
}
