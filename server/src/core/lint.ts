// The lint pipeline shared by the CLI and the language server: load, run every registered check,
// apply the user's severity overrides, drop what suppression comments silence, sort by position.
// The language server first lints without the reachability analysis (lintBeforeAnalysis) and adds
// its findings once the analysis, run in slices, is done.
import type { PolicyAnalysis } from './analysis/analyzePolicy.ts';
import { createCheckContext, type Check } from './checks/check.ts';
import { CHECKS } from './checks/registry.ts';
import type { Code } from './codes.ts';
import type { Finding, Severity } from './findings.ts';
import type { KubernetesVersion } from './kubernetesVersion.ts';
import { loadPolicy } from './load/loadPolicy.ts';
import type { Policy } from './model.ts';
import { findSuppressions, type Suppressions } from './suppressions.ts';

export type SeverityOverrides = Partial<Record<Code, Severity | 'off'>>;

export interface LintOptions {
  readonly kubernetesVersion: KubernetesVersion;
  readonly severities?: SeverityOverrides;
}

export interface LintResult {
  readonly policy: Policy;
  readonly findings: readonly Finding[];
}

/** A lint whose reachability findings wait for the analysis of `result.policy`. */
export interface LintBeforeAnalysis {
  /** Every finding but those that need the analysis. */
  readonly result: LintResult;
  /** The complete lint, with the findings of the checks that needed the analysis. */
  withAnalysis(analysis: PolicyAnalysis): LintResult;
}

export function lint(text: string, options: LintOptions): LintResult {
  const loaded = loadPolicy(text, options.kubernetesVersion);
  const ctx = createCheckContext(loaded.policy, text, options.kubernetesVersion);
  return finish(loaded.policy, [...loaded.findings, ...CHECKS.flatMap((check) => [...check(ctx)])], findSuppressions(text, loaded.policy.rules), options);
}

export function lintBeforeAnalysis(text: string, options: LintOptions): LintBeforeAnalysis {
  const { policy, findings: loaded } = loadPolicy(text, options.kubernetesVersion);
  const suppressed = findSuppressions(text, policy.rules);
  // The checks that ask for the analysis, and get none yet, run again when it is there.
  const waiting: Check[] = [];
  let asked = false;
  const ctx = createCheckContext(policy, text, options.kubernetesVersion, () => {
    asked = true;
    return undefined;
  });
  const first = CHECKS.flatMap((check) => {
    asked = false;
    const found = [...check(ctx)];
    if (asked) waiting.push(check);
    return found;
  });
  const found = [...loaded, ...first];
  return {
    result: finish(policy, found, suppressed, options),
    withAnalysis(analysis) {
      const again = createCheckContext(policy, text, options.kubernetesVersion, () => analysis);
      return finish(policy, [...found, ...waiting.flatMap((check) => [...check(again)])], suppressed, options);
    },
  };
}

/** Severity overrides, suppression comments, order by position. */
function finish(policy: Policy, all: readonly Finding[], suppressed: Suppressions, options: LintOptions): LintResult {
  const findings: Finding[] = [];
  for (const f of all) {
    const override = options.severities?.[f.code];
    if (override === 'off') continue;
    const silenced = f.rule === null ? undefined : suppressed.get(f.rule);
    if (silenced === 'all' || silenced?.has(f.code)) continue;
    findings.push(override ? { ...f, severity: override } : f);
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return { policy, findings };
}
