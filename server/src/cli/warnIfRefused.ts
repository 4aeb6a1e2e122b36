// explain and analyze still answer for a policy kube-apiserver would refuse (the rules that could be
// read are what a person is fixing); they say so on stderr, so stdout keeps its contract.
import type { Finding } from '../core/findings.ts';
import { formatKubernetesVersion, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import { tell, type CliIO } from './io.ts';

/** `name`: the policy as the message names it. */
export function warnIfRefused(io: Pick<CliIO, 'stderr'>, command: string, name: string, findings: readonly Finding[], v: KubernetesVersion): void {
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors === 0) return;
  tell(io, command, `warning: ${name} has ${errors} error${errors === 1 ? '' : 's'}; kube-apiserver ${formatKubernetesVersion(v)} would refuse it (see 'kube-audit-policy lint')`);
}
