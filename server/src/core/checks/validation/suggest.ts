// "Did you mean" for enumerated values (levels, stages): a case-insensitive match first, else the
// closest by edit distance when it is close enough to be a typo.
import { closest, distance } from 'fastest-levenshtein';

/** "; did you mean "Metadata"?" to end a sentence with, or "" when nothing is close. */
export function suggest(value: string, allowed: readonly string[]): string {
  const same = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (same) return `; values are case-sensitive: did you mean "${same}"?`;
  const best = closest(value, [...allowed]);
  return distance(value, best) <= 3 ? `; did you mean "${best}"?` : '';
}
