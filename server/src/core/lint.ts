// The lint pipeline shared by the CLI and the language server: load, run every registered check,
// apply the user's severity overrides, drop what suppression comments silence, sort by position.
import { CHECKS } from './checks/registry.ts';
import { createCheckContext } from './checks/check.ts';
import type { Code } from './codes.ts';
import type { Finding, Severity } from './findings.ts';
import type { KubernetesVersion } from './kubernetesVersion.ts';
import { loadPolicy } from './load/loadPolicy.ts';
import type { Policy } from './model.ts';
import { findSuppressions } from './suppressions.ts';

export type SeverityOverrides = Partial<Record<Code, Severity | 'off'>>;

export interface LintOptions {
  readonly kubernetesVersion: KubernetesVersion;
  readonly severities?: SeverityOverrides;
}

export interface LintResult {
  readonly policy: Policy;
  readonly findings: readonly Finding[];
}

export function lint(text: string, options: LintOptions): LintResult {
  const loaded = loadPolicy(text, options.kubernetesVersion);
  const ctx = createCheckContext(loaded.policy, text, options.kubernetesVersion);
  const all = [...loaded.findings, ...CHECKS.flatMap((check) => [...check(ctx)])];
  const suppressed = findSuppressions(text, loaded.policy.rules);
  const findings: Finding[] = [];
  for (const f of all) {
    const override = options.severities?.[f.code];
    if (override === 'off') continue;
    const silenced = f.rule === null ? undefined : suppressed.get(f.rule);
    if (silenced === 'all' || silenced?.has(f.code)) continue;
    findings.push(override ? { ...f, severity: override } : f);
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return { policy: loaded.policy, findings };
}
