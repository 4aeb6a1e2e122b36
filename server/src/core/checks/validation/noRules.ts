// LoadPolicyFromBytes (pkg/audit/policy/reader.go): after validation the reader refuses a policy with
// zero rules ("loaded illegal policy with 0 rules").
import { finding, type Finding } from '../../findings.ts';
import { firstLineSpan } from '../../load/firstLineSpan.ts';
import type { CheckContext } from '../check.ts';

export function* noRules({ policy, text }: CheckContext): Iterable<Finding> {
  if (policy.rules.length > 0) return;
  const at = policy.source.rulesKey ?? firstLineSpan(text, policy.source.span.start);
  yield finding(
    'no-rules',
    'The policy has no rules: kube-apiserver refuses to start ("loaded illegal policy with 0 rules"). Add at least one rule, e.g. a final "- level: Metadata" to log every request\'s metadata.',
    at,
    null,
  );
}
