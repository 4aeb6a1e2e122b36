// The matching rule of every distinct request in the index: the only per-edit work that touches
// the policy. Names matter only to resourceNames, so without them one evaluation per class serves
// every key of the class (pkg/audit/policy/checker.go reads nothing else of a request).
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy } from '../model.ts';
import { firstMatch } from '../evaluate/evaluate.ts';
import type { ReplayIndex } from './replayIndex.ts';

/** Rule index per key id, -1 where no rule matches. */
export function evaluateKeys(index: ReplayIndex, policy: Policy, v: KubernetesVersion): Int32Array {
  const keyRule = new Int32Array(index.keys.length);
  const namesMatter = policy.rules.some((r) => r.resources.some((gr) => gr.resourceNames.length > 0));
  if (namesMatter) {
    for (let k = 0; k < index.keys.length; k++) keyRule[k] = firstMatch(policy, index.keys[k]!, v) ?? -1;
    return keyRule;
  }
  const classRule = new Int32Array(index.classExample.length);
  for (let c = 0; c < classRule.length; c++) classRule[c] = firstMatch(policy, index.keys[index.classExample[c]!]!, v) ?? -1;
  for (let k = 0; k < keyRule.length; k++) keyRule[k] = classRule[index.keyClass[k]!]!;
  return keyRule;
}
