// The analysis and Explain compare users, groups and resources as plain strings, as kube-apiserver's
// policy checker does, so they can show a request that the release never sees: a user that no longer
// exists (obsolete-user) or a resource its built-in API does not serve (resource-in-wrong-group,
// removed-api, ...). Wherever such a request is shown, this says so, with the finding that explains
// it: the findings and the analysis tell one story.
import type { RequestAttributes } from '../../attributes.ts';
import { obsoleteUser } from '../../catalog/apiCatalog.ts';
import { formatKubernetesVersion, type KubernetesVersion } from '../../kubernetesVersion.ts';
import { quote } from '../../quote.ts';
import { unservedResource } from './catalogFindings.ts';

/** "not a request Kubernetes 1.36 sees: user "system:unsecured" no longer exists, see obsolete-user", or undefined. */
export function requestCaveat(a: RequestAttributes, v: KubernetesVersion): string | undefined {
  const release = formatKubernetesVersion(v);
  const head = `not a request Kubernetes ${release} sees`;
  if (a.user && obsoleteUser(a.user.name, v)) return `${head}: user ${quote(a.user.name)} no longer exists, see obsolete-user`;
  if (!a.isResourceRequest || a.resource === '') return undefined;
  const resource = a.subresource === '' ? a.resource : `${a.resource}/${a.subresource}`;
  const unserved = unservedResource(a.apiGroup, resource, v);
  const group = a.apiGroup === '' ? 'the core group' : quote(a.apiGroup);
  return unserved && `${head}: it serves no ${quote(resource)} in ${group}, see ${unserved.code}`;
}

/** Explain's notes about a request (added to those about its input), so Explain tells the same story. */
export function caveatNotes(a: RequestAttributes, v: KubernetesVersion): string[] {
  const caveat = requestCaveat(a, v);
  return caveat ? [`this is ${caveat}`] : [];
}
