// The Kubernetes release whose kube-apiserver the policy is checked against. Some rules depend on it
// (v1beta1 removed in 1.24; group "*" accepted from 1.36).

export interface KubernetesVersion {
  readonly major: 1;
  readonly minor: number;
}

/** The newest release this build knows (its API catalog and loader rules). */
export const LATEST_KUBERNETES_VERSION: KubernetesVersion = { major: 1, minor: 36 };
export const OLDEST_KUBERNETES_VERSION: KubernetesVersion = { major: 1, minor: 19 };

/** Parses "1.30", "v1.30" or "1.30.2"; undefined for anything else. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const m = /^v?1\.(\d{1,3})(?:\.\d+)?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: 1, minor: Number(m[1]) };
}

export const atLeast = (v: KubernetesVersion, minor: number): boolean => v.minor >= minor;

export const formatKubernetesVersion = (v: KubernetesVersion): string => `${v.major}.${v.minor}`;
