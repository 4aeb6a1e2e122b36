// obsolete-user: a rule names a user that no request can carry on the target release, such as
// system:unsecured, which only the insecure port (gone since 1.20) handed out. The rule, or that
// entry of it, is dead.
import { obsoleteUser as lookUpObsoleteUser } from '../../catalog/apiCatalog.ts';
import { finding, type Finding } from '../../findings.ts';
import { formatKubernetesVersion } from '../../kubernetesVersion.ts';
import type { Check } from '../check.ts';

export const obsoleteUser: Check = function* (ctx) {
  const release = formatKubernetesVersion(ctx.kubernetesVersion);
  for (const rule of ctx.policy.rules) {
    const spans = rule.source.items.users ?? [];
    for (const [i, name] of rule.users.entries()) {
      const gone = lookUpObsoleteUser(name, ctx.kubernetesVersion);
      if (!gone) continue;
      const effect =
        rule.users.every((u) => lookUpObsoleteUser(u, ctx.kubernetesVersion)) ? 'this rule never matches' : 'this entry never matches';
      const f: Finding = finding(
        'obsolete-user',
        `No request carries the user "${name}" on Kubernetes ${release}: it belonged to ${gone.description}, so ${effect}.`,
        spans[i] ?? rule.source.keys.users ?? rule.source.span,
        rule.index,
      );
      yield f;
    }
  }
};
