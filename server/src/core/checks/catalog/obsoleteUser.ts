// obsolete-user: a rule names a user that no request can carry on the target release, such as
// system:unsecured, which only the insecure port (gone since 1.20) handed out. The rule, or that
// entry of it, matches no real request.
import { obsoleteUser as lookUpObsoleteUser } from '../../catalog/apiCatalog.ts';
import { finding, type Finding } from '../../findings.ts';
import { formatKubernetesVersion } from '../../kubernetesVersion.ts';
import { quote } from '../../quote.ts';
import type { Check } from '../check.ts';

export const obsoleteUser: Check = function* (ctx) {
  const release = formatKubernetesVersion(ctx.kubernetesVersion);
  for (const rule of ctx.policy.rules) {
    const spans = rule.source.items.users ?? [];
    for (const [i, name] of rule.users.entries()) {
      const gone = lookUpObsoleteUser(name, ctx.kubernetesVersion);
      if (!gone) continue;
      const only = rule.users.every((u) => lookUpObsoleteUser(u, ctx.kubernetesVersion));
      const f: Finding = finding(
        'obsolete-user',
        `User ${quote(name)} no longer exists on Kubernetes ${release}, so ${only ? 'this rule matches no real request' : 'this entry matches no request'}.`,
        spans[i] ?? rule.source.keys.users ?? rule.source.span,
        rule.index,
        {
          // The analysis treats user names as strings: tell the same story it tells about its witness.
          detail: `It belonged to ${gone.description}. Rule hovers and \`analyze\` treat user names as strings and may show a request as ${name} reaching this rule; they note that no such request reaches kube-apiserver ${release}.`,
        },
      );
      yield f;
    }
  }
};
