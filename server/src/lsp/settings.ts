// The `kubeAuditPolicy` settings as the server uses them: read per document through
// workspace/configuration (or taken from didChangeConfiguration when the client cannot be asked),
// checked field by field so a hand-edited settings.json never breaks linting.
import { isCode, type Code } from '../core/codes.ts';
import type { Severity } from '../core/findings.ts';
import { LATEST_KUBERNETES_VERSION, formatKubernetesVersion, parseKubernetesVersion, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import { DEFAULT_FILE_PATTERNS, type SeveritySetting } from '../protocol.ts';
import { globPattern } from './globPattern.ts';

export interface ServerSettings {
  readonly kubernetesVersion: KubernetesVersion;
  readonly severities: Readonly<Partial<Record<Code, Severity | 'off'>>>;
  readonly files: readonly RegExp[];
  /** Equal keys mean equal lint results for the same text (the document cache compares it). */
  readonly key: string;
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const isSeveritySetting = (v: unknown): v is SeveritySetting => typeof v === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function resolveSettings(raw: unknown): ServerSettings {
  const s = isRecord(raw) ? raw : {};
  const kubernetesVersion = (typeof s['kubernetesVersion'] === 'string' && parseKubernetesVersion(s['kubernetesVersion'])) || LATEST_KUBERNETES_VERSION;
  const severities: Partial<Record<Code, Severity | 'off'>> = {};
  if (isRecord(s['severity'])) {
    for (const [code, value] of Object.entries(s['severity'])) if (isCode(code) && isSeveritySetting(value)) severities[code] = value;
  }
  const patterns = Array.isArray(s['files']) ? s['files'].filter((p): p is string => typeof p === 'string') : DEFAULT_FILE_PATTERNS;
  const files = patterns.map(globPattern).filter((r): r is RegExp => r !== undefined);
  const key = JSON.stringify([formatKubernetesVersion(kubernetesVersion), Object.entries(severities).sort(), patterns]);
  return { kubernetesVersion, severities, files, key };
}

export const DEFAULT_SETTINGS: ServerSettings = resolveSettings(undefined);
