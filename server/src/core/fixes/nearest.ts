// The closest of a few known names to what was typed: the same name in another case first, then the
// smallest edit distance within a bound that keeps suggestions plausible. Used by the catalog checks
// (group and resource names); the fixes reuse whatever suggestion the finding's check made.
import { distance } from 'fastest-levenshtein';

export function nearest(typed: string, known: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const alias = Object.prototype.hasOwnProperty.call(aliases, typed) ? aliases[typed] : undefined;
  if (alias !== undefined && known.includes(alias)) return alias;
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
