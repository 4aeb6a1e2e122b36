// The closest of a few known names to what was typed: the same name in another case first, then the
// smallest edit distance within a bound that keeps suggestions plausible. The catalog checks use it
// for group and resource names in their messages, and the fixes use it to make the same suggestion.
import { distance } from 'fastest-levenshtein';

export function nearest(typed: string, known: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.min(3, Math.floor(typed.length / 3)));
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}
