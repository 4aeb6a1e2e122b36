// One analysis per loaded policy and target version, shared by the reachability checks (six codes
// from one computation) and the language server's hover. Keyed weakly on the policy object, which
// the loader creates anew for every text, so nothing stale is ever returned and nothing leaks.
import { formatKubernetesVersion, type KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy } from '../model.ts';
import { analyzePolicy, type PolicyAnalysis } from './analyzePolicy.ts';

const cache = new WeakMap<Policy, Map<string, PolicyAnalysis>>();

export function cachedAnalysis(policy: Policy, kubernetesVersion: KubernetesVersion): PolicyAnalysis {
  const key = formatKubernetesVersion(kubernetesVersion);
  let byVersion = cache.get(policy);
  if (!byVersion) {
    byVersion = new Map();
    cache.set(policy, byVersion);
  }
  let analysis = byVersion.get(key);
  if (!analysis) {
    analysis = analyzePolicy(policy, { kubernetesVersion });
    byVersion.set(key, analysis);
  }
  return analysis;
}
