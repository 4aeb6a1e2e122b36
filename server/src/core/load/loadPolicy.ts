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
  const findings = [...doc.findings, ...shape, ...typeMeta, ...built.findings].map((f) => {
    const located = f.span.end > f.span.start ? f : { ...f, span: nonEmptySpan(text, f.span) };
    return located.rule === null ? withRule(located, built.policy.rules) : located;
  });
  return { policy: built.policy, findings };
}

/** Loader findings inside a rule belong to that rule (for suppression comments and reports). */
function withRule(f: Finding, rules: readonly PolicyRule[]): Finding {
  const rule = rules.find((r) => r.source.span.start <= f.span.start && f.span.end <= r.source.span.end);
  return rule ? { ...f, rule: rule.index } : f;
}
