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

export type CheckedKubernetesVersion = { readonly ok: true; readonly version: KubernetesVersion } | { readonly ok: false; readonly error: string };

/** A release this build can check against, or why not: the words after the option or key naming it. */
export function checkKubernetesVersion(text: string): CheckedKubernetesVersion {
  const v = parseKubernetesVersion(text);
  const range = `${formatKubernetesVersion(OLDEST_KUBERNETES_VERSION)} to ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)}`;
  if (!v) return { ok: false, error: `'${text}' is not a version like 1.30 (supported: ${range})` };
  if (v.minor < OLDEST_KUBERNETES_VERSION.minor || v.minor > LATEST_KUBERNETES_VERSION.minor) return { ok: false, error: `${formatKubernetesVersion(v)} is not supported (supported: ${range})` };
  return { ok: true, version: v };
}
