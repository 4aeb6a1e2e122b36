// Suppression comments: `# kube-audit-policy-disable code[, code]` on the comment lines directly above
// a rule silences those codes for that rule; without codes it silences every code on the rule.
import type { PolicyRule, RuleIndex } from './model.ts';

const DIRECTIVE = /^#\s*kube-audit-policy-disable\b(.*)$/;

/** Per rule: the set of suppressed codes, or 'all'. Rules without a directive are absent. */
export type Suppressions = ReadonlyMap<RuleIndex, ReadonlySet<string> | 'all'>;

export function findSuppressions(text: string, rules: readonly PolicyRule[]): Suppressions {
  const out = new Map<RuleIndex, Set<string> | 'all'>();
  for (const rule of rules) {
    let lineStart = text.lastIndexOf('\n', rule.source.span.start - 1) + 1;
    let codes: Set<string> | 'all' | undefined;
    while (lineStart > 0) {
      const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
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
