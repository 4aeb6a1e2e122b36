// The repository config file, `.kube-audit-policy.yaml`: the settings a team keeps next to its
// policies so the CLI (in CI) and the editor check them alike. Same keys as the editor's
// `kubeAuditPolicy.*` settings:
//
//   kubernetesVersion: "1.30"        # the kube-apiserver release
//   severity:                        # per code: error, warning, information, hint or off
//     partial-overlap: off
//   files:                           # more files that are policies, relative to this file's folder
//     - "clusters/*/audit.yaml"
//
// Read here from text (no I/O): every field is checked, and each problem comes with its place so a
// person can fix it; the fields that are fine are kept.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { suggest } from '../checks/validation/suggest.ts';
import { CODES, isCode } from '../codes.ts';
import type { Severity } from '../findings.ts';
import { checkKubernetesVersion, type KubernetesVersion } from '../kubernetesVersion.ts';
import type { SeverityOverrides } from '../lint.ts';
import { span, type Span } from '../span.ts';
import { globPattern } from './globPattern.ts';

export const REPOSITORY_CONFIG_FILE = '.kube-audit-policy.yaml';

export interface RepositoryConfig {
  readonly kubernetesVersion?: KubernetesVersion;
  readonly severity: SeverityOverrides;
  /** Glob patterns relative to the config file's folder. */
  readonly files: readonly string[];
}

export interface ConfigProblem {
  readonly span: Span;
  readonly message: string;
}

export interface ParsedRepositoryConfig {
  readonly config: RepositoryConfig;
  readonly problems: readonly ConfigProblem[];
}

const KEYS = ['kubernetesVersion', 'severity', 'files'] as const;
const orList = (xs: readonly string[]): string => `${xs.slice(0, -1).join(', ')} or ${xs.at(-1) ?? ''}`;
const LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];
const CODE_NAMES = Object.keys(CODES);

const at = (node: Node | null | undefined, fallback: Span): Span => (node?.range ? span(node.range[0], Math.max(node.range[0] + 1, node.range[1])) : fallback);

/** A plain or quoted scalar's text (the failsafe schema reads every scalar as a string). */
const text = (node: unknown): string | undefined => (isScalar(node) && typeof node.value === 'string' ? node.value : undefined);

export function parseRepositoryConfig(source: string): ParsedRepositoryConfig {
  const problems: ConfigProblem[] = [];
  const whole = span(0, Math.min(1, source.length));
  const config: { kubernetesVersion?: KubernetesVersion; severity: SeverityOverrides; files: string[] } = { severity: {}, files: [] };
  // failsafe: `off` and `1.30` stay the strings a person wrote (YAML 1.2 would read 1.30 as 1.3).
  const doc = parseDocument(source, { schema: 'failsafe', prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) problems.push({ span: span(e.pos[0], Math.max(e.pos[0] + 1, e.pos[1])), message: e.code === 'DUPLICATE_KEY' ? 'this key is set twice' : e.message });
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { config, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === '')) return { config, problems };
  if (!isMap(root)) return { config, problems: [...problems, { span: at(root, whole), message: `the file must be a mapping with the keys ${orList(KEYS)}` }] };

  for (const pair of root.items) {
    const key = text(pair.key);
    const keySpan = at(pair.key as Node, whole);
    const value = pair.value as Node | null;
    if (isAlias(value)) {
      problems.push({ span: at(value, keySpan), message: 'aliases are not read here; write the value out' });
      continue;
    }
    switch (key) {
      case 'kubernetesVersion': {
        const v = text(value);
        const checked = v === undefined ? { ok: false as const, error: 'is not a version like "1.30"' } : checkKubernetesVersion(v);
        if (checked.ok) config.kubernetesVersion = checked.version;
        else problems.push({ span: at(value, keySpan), message: `kubernetesVersion ${checked.error}` });
        break;
      }
      case 'severity':
        readSeverity(value, keySpan, config.severity, problems);
        break;
      case 'files':
        readFiles(value, keySpan, config.files, problems);
        break;
      default:
        problems.push({ span: keySpan, message: `unknown key ${JSON.stringify(key ?? '')}: expected ${orList(KEYS)}${suggest(key ?? '', KEYS)}` });
    }
  }
  return { config, problems };
}

function readSeverity(node: Node | null, keySpan: Span, out: Record<string, Severity | 'off'>, problems: ConfigProblem[]): void {
  if (node === null || (isScalar(node) && node.value === '')) return;
  if (!isMap(node)) {
    problems.push({ span: at(node, keySpan), message: 'severity must be a mapping of finding codes to levels, e.g. "partial-overlap: off"' });
    return;
  }
  for (const pair of node.items) {
    const code = text(pair.key) ?? '';
    const level = text(pair.value);
    if (!isCode(code)) problems.push({ span: at(pair.key as Node, keySpan), message: `severity: unknown code ${JSON.stringify(code)}${suggest(code, CODE_NAMES)}` });
    else if (level === undefined || !(LEVELS as readonly string[]).includes(level)) {
      problems.push({ span: at(pair.value as Node, at(pair.key as Node, keySpan)), message: `severity ${code}: ${JSON.stringify(level ?? '')} is not a level; use ${orList(LEVELS)}${suggest(level ?? '', LEVELS)}` });
    } else out[code] = level as Severity | 'off';
  }
}

function readFiles(node: Node | null, keySpan: Span, out: string[], problems: ConfigProblem[]): void {
  if (node === null || (isScalar(node) && node.value === '')) return;
  if (!isSeq(node)) {
    problems.push({ span: at(node, keySpan), message: 'files must be a list of glob patterns, e.g. ["clusters/*/audit.yaml"]' });
    return;
  }
  for (const item of node.items) {
    const glob = text(item);
    if (glob === undefined || glob === '') problems.push({ span: at(item as Node, keySpan), message: 'files: each entry is a glob pattern (a string)' });
    else if (globPattern(glob) === undefined) problems.push({ span: at(item as Node, keySpan), message: `files: ${JSON.stringify(glob)} is not a valid glob pattern` });
    else out.push(glob);
  }
}
