// Loads a policy file the way kube-apiserver does (pkg/audit/policy/reader.go, LoadPolicyFromBytes):
// first YAML document only, YAML 1.1 typing, strict decoding that falls back to lenient (unknown
// fields dropped, last duplicate key wins), apiVersion/kind checks, then the level and stage parts
// of ValidatePolicy that the model cannot represent. Never throws: `policy` is always usable, with
// whatever could be read, so the editor keeps working on half-written files.
import type { Finding } from '../findings.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy, PolicyRule } from '../model.ts';
import { buildPolicy } from './buildPolicy.ts';
import { checkShape } from './checkShape.ts';
import { checkTypeMeta } from './checkTypeMeta.ts';
import { firstLineSpan, nonEmptySpan } from './firstLineSpan.ts';
import { parseFirstDocument } from './parseFirstDocument.ts';
import type { Span } from '../span.ts';

export interface LoadResult {
  readonly policy: Policy;
  readonly findings: readonly Finding[];
}

export function loadPolicy(text: string, kubernetesVersion: KubernetesVersion): LoadResult {
  const doc = parseFirstDocument(text);
  const shape = doc.value ? checkShape(doc.value) : [];
  const firstKey = doc.value?.kind === 'object' ? doc.value.entries[0]?.keySpan : undefined;
  const missingAt = firstKey ?? firstLineSpan(text, doc.span.start);
  const typeMeta = checkTypeMeta(doc.value, missingAt, kubernetesVersion);
  const built = buildPolicy(doc.value, doc.span);
  const withRule = ruleOf(built.policy.rules);
  const read = outside(doc.unread);
  const findings = [...doc.findings, ...[...shape, ...typeMeta, ...built.findings].filter(read)].map((f) => {
    const located = f.span.end > f.span.start ? f : { ...f, span: nonEmptySpan(text, f.span) };
    return located.rule === null ? withRule(located) : located;
  });
  return { policy: built.policy, findings };
}

/**
 * Whether a finding lies outside every unread alias (sorted, none inside another): an alias read as
 * null after a syntax error about it is no rule without a level, no field of the wrong type.
 */
function outside(unread: readonly Span[]): (f: Finding) => boolean {
  if (unread.length === 0) return () => true;
  return (f) => holding(unread, (s) => s, f.span) === undefined;
}

/** The item of `sorted` (by start; none inside another) whose span holds `s`: a binary search. */
function holding<T>(sorted: readonly T[], spanOf: (t: T) => Span, s: Span): T | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spanOf(sorted[mid] as T).start <= s.start) lo = mid + 1;
    else hi = mid;
  }
  const item = sorted[lo - 1];
  return item !== undefined && s.end <= spanOf(item).end ? item : undefined;
}

/** Loader findings inside a rule belong to that rule (for suppression comments and reports). */
function ruleOf(rules: readonly PolicyRule[]): (f: Finding) => Finding {
  const owner = (rule: PolicyRule | undefined, f: Finding): Finding => (rule ? { ...f, rule: rule.index } : f);
  const contains = (r: PolicyRule, f: Finding): boolean => r.source.span.start <= f.span.start && f.span.end <= r.source.span.end;
  // Rules written one after the other: a binary search (thousands of findings in thousands of
  // rules). Aliases can repeat or nest rules' text; then the first rule containing the finding.
  const ordered = rules.every((r, i) => i === 0 || (rules[i - 1] as PolicyRule).source.span.end <= r.source.span.start);
  if (!ordered) return (f) => owner(rules.find((r) => contains(r, f)), f);
  return (f) => owner(holding(rules, (r) => r.source.span, f.span), f);
}
