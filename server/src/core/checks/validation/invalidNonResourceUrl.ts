// ValidatePolicy, validateNonResourceURLs (pkg/apis/audit/validation/validation.go): each entry is
// "*", or starts with "/" and has "*" at most as its last character.
import { finding, type Finding } from '../../findings.ts';
import { quote } from '../../quote.ts';
import type { Span } from '../../span.ts';
import type { CheckContext } from '../check.ts';

export function* invalidNonResourceUrl({ policy }: CheckContext): Iterable<Finding> {
  for (const rule of policy.rules) {
    const spans = rule.source.items.nonResourceURLs ?? [];
    for (const [i, url] of rule.nonResourceURLs.entries()) {
      if (url === '*') continue;
      const problems: string[] = [];
      if (!url.startsWith('/')) problems.push(`non-resource URL rules must begin with a '/' character`);
      if (url !== '' && url.slice(0, -1).includes('*')) problems.push(`non-resource URL wildcards '*' must be the final character of the rule`);
      if (problems.length === 0) continue;
      const goErrors = problems.map((p) => `rules[${rule.index}].nonResourceURLs[${i}]: Invalid value: ${JSON.stringify(url)}: ${p}`).join('; ');
      const message = url.startsWith('/')
        ? `${quote(url)} has a "*" before its end, so kube-apiserver refuses the file.`
        : `${quote(url)} does not start with "/", so kube-apiserver refuses the file.`;
      yield finding('invalid-non-resource-url', message, spans[i] ?? (rule.source.values.nonResourceURLs as Span), rule.index, {
        detail: `kube-apiserver says "${goErrors}". Write the path with its leading "/" ("/healthz"); only a "*" at its end is a wildcard, matching every path with that prefix ("/healthz*").`,
      });
    }
  }
}
