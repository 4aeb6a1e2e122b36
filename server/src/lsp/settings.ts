// The settings a document is checked with: the `kubeAuditPolicy` settings (read per document through
// workspace/configuration, or taken from didChangeConfiguration when the client cannot be asked) over
// the repository config file `.kube-audit-policy.yaml` found above the document, so the editor and
// the CLI agree. Settings are checked field by field so a hand-edited settings.json never breaks
// linting; the config file's fields that are wrong are left out (its problems are logged).
import { isCode } from '../core/codes.ts';
import { formatKubernetesVersion, parseKubernetesVersion } from '../core/kubernetesVersion.ts';
import type { SeverityOverrides } from '../core/lint.ts';
import { anywhereMatchers, DEFAULT_FILE_PATTERNS } from '../core/workspace/policyFiles.ts';
import { configLayer, DEFAULT_LAYER, layerSettings, type PolicySettings } from '../core/workspace/policySettings.ts';
import type { FoundConfig } from '../io/repositoryConfigFile.ts';
import type { KubeAuditPolicySettings, SeveritySetting } from '../protocol.ts';
import { isJsonObject } from '../core/jsonObject.ts';

export interface ServerSettings extends PolicySettings {
  /** Equal keys mean equal lint results for the same text (the document cache compares it). */
  readonly key: string;
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const isSeveritySetting = (v: unknown): v is SeveritySetting => typeof v === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(v);

/** The settings section as it arrives: the contract's field names, values not yet checked. */
type RawSettings = Partial<Record<keyof KubeAuditPolicySettings, unknown>>;

/** `config`: the repository config file that applies to the document, when there is one. */
export function resolveSettings(raw: unknown, config?: FoundConfig): ServerSettings {
  const s: RawSettings = isJsonObject(raw) ? raw : {};
  // Empty (the default) or invalid: the config file's release, else the newest.
  const kubernetesVersion = typeof s.kubernetesVersion === 'string' ? parseKubernetesVersion(s.kubernetesVersion) : undefined;
  const severities: SeverityOverrides = {};
  if (isJsonObject(s.severity)) {
    for (const [code, value] of Object.entries(s.severity)) if (isCode(code) && isSeveritySetting(value)) severities[code] = value;
  }
  // The setting always has a value (its default when nobody set it), so it replaces the default patterns.
  const patterns = Array.isArray(s.files) ? s.files.filter((p): p is string => typeof p === 'string') : DEFAULT_FILE_PATTERNS;
  const fromConfig = config ? [configLayer(config.parsed.config, config.directory)] : [];
  const settings = layerSettings({ ...DEFAULT_LAYER, files: [] }, ...fromConfig, { ...(kubernetesVersion ? { kubernetesVersion } : {}), severities, files: anywhereMatchers(patterns) });
  const key = JSON.stringify([formatKubernetesVersion(settings.kubernetesVersion), Object.entries(settings.severities).sort(), patterns, config?.path ?? null, config?.text ?? null]);
  return { ...settings, key };
}

export const DEFAULT_SETTINGS: ServerSettings = resolveSettings(undefined);
