// The lint pipeline shared by the CLI and the language server: load, run every registered check,
// apply the user's severity overrides, set aside what suppression comments silence, sort by position.
import { CHECKS } from './checks/registry.ts';
import { createCheckContext } from './checks/check.ts';
import type { Code } from './codes.ts';
import type { Finding, Severity } from './findings.ts';
import type { KubernetesVersion } from './kubernetesVersion.ts';
import { loadPolicy } from './load/loadPolicy.ts';
import type { Policy } from './model.ts';
import { findSuppressions, type Suppression } from './suppressions.ts';

export type SeverityOverrides = Partial<Record<Code, Severity | 'off'>>;

export interface LintOptions {
  readonly kubernetesVersion: KubernetesVersion;
  readonly severities?: SeverityOverrides;
}

export interface SuppressedFinding {
  readonly finding: Finding;
  readonly suppression: Suppression;
}

export interface LintResult {
  readonly policy: Policy;
  readonly findings: readonly Finding[];
  /** What suppression comments silenced (codes set to `off` are not run, so not here), by position. */
  readonly suppressed: readonly SuppressedFinding[];
}

const byPosition = (a: Finding, b: Finding): number => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code);

/** The finding at the severity the user chose for its code; undefined when the code is `off`. */
export function withSeverity(f: Finding, severities: SeverityOverrides | undefined): Finding | undefined {
  const override = severities?.[f.code];
  if (override === 'off') return undefined;
  return override ? { ...f, severity: override } : f;
}

export function lint(text: string, options: LintOptions): LintResult {
  const loaded = loadPolicy(text, options.kubernetesVersion);
  const ctx = createCheckContext(loaded.policy, text, options.kubernetesVersion);
  const all = [...loaded.findings, ...CHECKS.flatMap((check) => [...check(ctx)])];
  const suppressor = findSuppressions(text, loaded.policy.rules);
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of all) {
    const finding = withSeverity(f, options.severities);
    if (!finding) continue;
    const suppression = suppressor(f);
    if (suppression) suppressed.push({ finding, suppression });
    else findings.push(finding);
  }
  findings.sort(byPosition);
  suppressed.sort((a, b) => byPosition(a.finding, b.finding));
  return { policy: loaded.policy, findings, suppressed };
}
