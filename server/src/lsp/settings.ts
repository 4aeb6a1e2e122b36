// The `kubeAuditPolicy` settings as the server uses them: read per document through
// workspace/configuration (or taken from didChangeConfiguration when the client cannot be asked),
// checked field by field so a hand-edited settings.json never breaks linting.
import { isCode } from '../core/codes.ts';
import { LATEST_KUBERNETES_VERSION, formatKubernetesVersion, parseKubernetesVersion, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import type { SeverityOverrides } from '../core/lint.ts';
import { DEFAULT_FILE_PATTERNS, type KubeAuditPolicySettings, type SeveritySetting } from '../protocol.ts';
import { globPattern } from './globPattern.ts';

export interface ServerSettings {
  readonly kubernetesVersion: KubernetesVersion;
  readonly severities: Readonly<SeverityOverrides>;
  readonly files: readonly RegExp[];
  /** Equal keys mean equal lint results for the same text (the document cache compares it). */
  readonly key: string;
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const isSeveritySetting = (v: unknown): v is SeveritySetting => typeof v === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings section as it arrives: the contract's field names, values not yet checked. */
type RawSettings = Partial<Record<keyof KubeAuditPolicySettings, unknown>>;

export function resolveSettings(raw: unknown): ServerSettings {
  const s: RawSettings = isRecord(raw) ? raw : {};
  const kubernetesVersion = (typeof s.kubernetesVersion === 'string' && parseKubernetesVersion(s.kubernetesVersion)) || LATEST_KUBERNETES_VERSION;
  const severities: SeverityOverrides = {};
  if (isRecord(s.severity)) {
    for (const [code, value] of Object.entries(s.severity)) if (isCode(code) && isSeveritySetting(value)) severities[code] = value;
  }
  const patterns = Array.isArray(s.files) ? s.files.filter((p): p is string => typeof p === 'string') : DEFAULT_FILE_PATTERNS;
  const files = patterns.map(globPattern).filter((r): r is RegExp => r !== undefined);
  const key = JSON.stringify([formatKubernetesVersion(kubernetesVersion), Object.entries(severities).sort(), patterns]);
  return { kubernetesVersion, severities, files, key };
}

export const DEFAULT_SETTINGS: ServerSettings = resolveSettings(undefined);
