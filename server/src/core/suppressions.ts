// Suppression comments: `# kube-audit-policy-disable code[, code]` on the comment lines directly above
// a rule silences those codes for that rule; without codes it silences every code on the rule.
import type { PolicyRule, RuleIndex } from './model.ts';

const DIRECTIVE = /^#\s*kube-audit-policy-disable\b(.*)$/;

/** Per rule: the set of suppressed codes, or 'all'. Rules without a directive are absent. */
export type Suppressions = ReadonlyMap<RuleIndex, ReadonlySet<string> | 'all'>;

export function findSuppressions(text: string, rules: readonly PolicyRule[]): Suppressions {
  const out = new Map<RuleIndex, Set<string> | 'all'>();
  // Where each line starts, found once: searching back from each rule is quadratic when thousands
  // of rules share one flow-style line.
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  /** Offset just after the last newline before `offset` (0 on the first line). */
  const lineStartOf = (offset: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((newlines[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : (newlines[lo - 1] as number) + 1;
  };
  for (const rule of rules) {
    let lineStart = lineStartOf(rule.source.span.start);
    let codes: Set<string> | 'all' | undefined;
    while (lineStart > 0) {
      const prevStart = lineStartOf(lineStart - 1);
      const line = text.slice(prevStart, lineStart - 1).trim();
      if (!line.startsWith('#')) break;
      const m = DIRECTIVE.exec(line);
      if (m) {
        const listed = (m[1] ?? '').split(/[\s,]+/).filter((c) => c !== '');
        if (listed.length === 0) codes = 'all';
        else if (codes !== 'all') codes = new Set([...(codes ?? []), ...listed]);
      }
      lineStart = prevStart;
    }
    if (codes) out.set(rule.index, codes);
  }
  return out;
}
