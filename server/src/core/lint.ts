// The lint pipeline shared by the CLI and the language server: load, run every registered check,
// apply the user's severity overrides, set aside what suppression comments silence, sort by position.
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
import { findSuppressions, type Suppression, type Suppressor } from './suppressions.ts';

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
  const suppressor = findSuppressions(text, policy.rules);
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
    result: finish(policy, found, suppressor, options),
    withAnalysis(analysis) {
      const again = createCheckContext(policy, text, options.kubernetesVersion, () => analysis);
      return finish(policy, [...found, ...waiting.flatMap((check) => [...check(again)])], suppressor, options);
    },
  };
}

/** Severity overrides, suppression comments, order by position. */
function finish(policy: Policy, all: readonly Finding[], suppressor: Suppressor, options: LintOptions): LintResult {
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
  return { policy, findings, suppressed };
}
