// ValidatePolicy, validateResources (pkg/apis/audit/validation/validation.go): an entry with
// resourceNames must list at least one resource ("using resourceNames requires at least one resource").
import { finding, type Finding } from '../../findings.ts';
import { span } from '../../span.ts';
import type { CheckContext } from '../check.ts';

export function* resourceNamesWithoutResources({ policy }: CheckContext): Iterable<Finding> {
  for (const rule of policy.rules) {
    for (const gr of rule.resources) {
      if (gr.resourceNames.length === 0 || gr.resources.length > 0) continue;
      const names = gr.source.resourceNames;
      const first = names[0];
      const last = names[names.length - 1];
      const at = first && last ? span(first.start, last.end) : gr.source.span;
      yield finding('resource-names-without-resources', 'resourceNames needs resources in the same entry, so kube-apiserver refuses the file.', at, rule.index, {
        detail: `kube-apiserver says "rules[${rule.index}].resources.resourceNames: Invalid value: ...: using resourceNames requires at least one resource". Add the resource these names belong to, e.g. resources: ["configmaps"].`,
      });
    }
  }
}
