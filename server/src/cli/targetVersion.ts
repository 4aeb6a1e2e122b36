// --kubernetes-version for every command: "1.N" within the releases this build knows, default the newest.
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION, OLDEST_KUBERNETES_VERSION, parseKubernetesVersion, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import { UsageError } from './io.ts';

export function targetVersion(text: string | undefined): KubernetesVersion {
  if (text === undefined) return LATEST_KUBERNETES_VERSION;
  const v = parseKubernetesVersion(text);
  const range = `${formatKubernetesVersion(OLDEST_KUBERNETES_VERSION)} to ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)}`;
  if (!v) throw new UsageError(`--kubernetes-version '${text}' is not a version like 1.30 (supported: ${range})`);
  if (v.minor < OLDEST_KUBERNETES_VERSION.minor || v.minor > LATEST_KUBERNETES_VERSION.minor) {
    throw new UsageError(`--kubernetes-version ${formatKubernetesVersion(v)} is not supported (supported: ${range})`);
  }
  return v;
}
