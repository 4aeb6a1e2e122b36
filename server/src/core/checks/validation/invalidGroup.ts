// ValidatePolicy, validateResources (pkg/apis/audit/validation/validation.go): a non-empty group must
// be a DNS-1123 subdomain (NameIsDNSSubdomain). From Kubernetes 1.36 "*" is accepted and matches every
// group (kubernetes#135262). "apps/v1" is a group/version: the group is the part before the "/".
import { finding, type Finding } from '../../findings.ts';
import { formatKubernetesVersion } from '../../kubernetesVersion.ts';
import { quote } from '../../quote.ts';
import type { CheckContext } from '../check.ts';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_LENGTH = 253;
const WILDCARD_SINCE = 36;
// ValidatePolicy's message, without the regular expression it appends.
const GO_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

export function isValidGroup(group: string, minor: number): boolean {
  if (group === '') return true;
  if (group === '*') return minor >= WILDCARD_SINCE;
  return group.length <= MAX_LENGTH && DNS1123_SUBDOMAIN.test(group);
}

export function* invalidGroup({ policy, kubernetesVersion }: CheckContext): Iterable<Finding> {
  for (const rule of policy.rules) {
    for (const gr of rule.resources) {
      if (isValidGroup(gr.group, kubernetesVersion.minor)) continue;
      const goDetail = gr.group.length > MAX_LENGTH ? `must be no more than ${MAX_LENGTH} characters` : GO_MESSAGE;
      const { message, detail } = explain(gr.group, kubernetesVersion);
      const said = `kube-apiserver says "rules[${rule.index}].resources.group: Invalid value: ${JSON.stringify(gr.group)}: ${goDetail}".`;
      yield finding('invalid-group', message, gr.source.group ?? gr.source.span, rule.index, { detail: detail ? `${said} ${detail}` : said });
    }
  }
}

function explain(group: string, version: CheckContext['kubernetesVersion']): { message: string; detail?: string } {
  const refused = 'so kube-apiserver refuses the file';
  if (group === '*') {
    return {
      message: `group "*" (every API group) is accepted from Kubernetes 1.${WILDCARD_SINCE} only, ${refused}.`,
      detail: `For ${formatKubernetesVersion(version)}, list the groups instead, or leave resources out to match every group.`,
    };
  }
  const slash = group.indexOf('/');
  if (slash >= 0) {
    const name = group.slice(0, slash);
    const inner = /^v\d/.test(name) ? '' : name;
    return inner
      ? { message: `${quote(group)} is a group/version, ${refused}.`, detail: `Write ${quote(inner)}: audit rules name a group, not a group/version, and match every version of it.` }
      : { message: `${quote(group)} is a version, not a group, ${refused}.`, detail: 'The core group is written "".' };
  }
  if (group.toLowerCase() !== group && isValidGroup(group.toLowerCase(), version.minor)) {
    return { message: `API group names are lowercase, ${refused}: write ${quote(group.toLowerCase())}.` };
  }
  return { message: `${quote(group)} is not a valid API group name, ${refused}.`, detail: 'A group is a lowercase DNS subdomain such as "apps" or "rbac.authorization.k8s.io".' };
}
