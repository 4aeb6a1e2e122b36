// ValidatePolicy, validatePolicyRule (pkg/apis/audit/validation/validation.go): a rule with
// nonResourceURLs may not also have resources or namespaces, since a request is either a resource
// request or a non-resource one.
import { finding, type Finding, type RelatedLocation } from '../../findings.ts';
import type { CheckContext } from '../check.ts';

export function* mixedResourceAndNonResource({ policy }: CheckContext): Iterable<Finding> {
  for (const rule of policy.rules) {
    if (rule.nonResourceURLs.length === 0) continue;
    if (rule.resources.length === 0 && rule.namespaces.length === 0) continue;
    const at = rule.source.keys.nonResourceURLs ?? rule.source.span;
    const related: RelatedLocation[] = [];
    if (rule.resources.length > 0 && rule.source.keys.resources) related.push({ span: rule.source.keys.resources, message: 'resources are set here' });
    if (rule.namespaces.length > 0 && rule.source.keys.namespaces) related.push({ span: rule.source.keys.namespaces, message: 'namespaces are set here' });
    const other = rule.resources.length > 0 ? 'resources' : 'namespaces';
    yield finding('mixed-resource-and-non-resource', `This rule has both nonResourceURLs and ${other}, so kube-apiserver refuses the file: split it into two rules.`, at, rule.index, {
      detail: `kube-apiserver says "rules[${rule.index}].nonResourceURLs: Invalid value: ...: rules cannot apply to both regular resources and non-resource URLs". A request is either a resource request or not.`,
      related,
    });
  }
}
