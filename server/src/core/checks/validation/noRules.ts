// LoadPolicyFromBytes (pkg/audit/policy/reader.go): after validation the reader refuses a policy with
// zero rules ("loaded illegal policy with 0 rules").
import { finding, type Finding } from '../../findings.ts';
import { firstLineSpan } from '../../load/firstLineSpan.ts';
import type { CheckContext } from '../check.ts';

export function* noRules({ policy, text }: CheckContext): Iterable<Finding> {
  if (policy.rules.length > 0) return;
  const at = policy.source.rulesKey ?? firstLineSpan(text, policy.source.span.start);
  yield finding('no-rules', 'The policy has no rules, so kube-apiserver refuses to start: add at least one rule.', at, null, {
    detail: 'kube-apiserver says "loaded illegal policy with 0 rules". A final "- level: Metadata" logs the metadata of every request.',
  });
}
