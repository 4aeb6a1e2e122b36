// What every `test` format receives: per test file its case results, its problems (located) and
// the policy it ran against; per policy the rule coverage when asked for.
import type { KubernetesVersion } from '../../core/kubernetesVersion.ts';
import type { CaseResult } from '../../core/policyTest/runPolicyTest.ts';
import type { RuleCoverage } from '../../core/policyTest/ruleCoverage.ts';
import type { Policy } from '../../core/model.ts';

export interface LocatedProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface PolicyUnderTest {
  /** As shown (relative to the working directory when under it). */
  readonly name: string;
  readonly text: string;
  readonly policy: Policy;
  /** The release it was loaded for, and that release as shown. */
  readonly release: KubernetesVersion;
  readonly kubernetesVersion: string;
}

export interface TestFileRun {
  readonly file: string;
  /** 1-based line and column of an offset into the test file. */
  readonly position: (offset: number) => { readonly line: number; readonly column: number };
  /** Every case that could be read: it ran, or its input or expectation is broken (kind error). */
  readonly results: readonly CaseResult[];
  /** The file or its policy could not be read, or a case is malformed. */
  readonly problems: readonly LocatedProblem[];
  readonly policy: PolicyUnderTest | undefined;
  /** Seconds spent running the cases. */
  readonly seconds: number;
}

export interface CoverageRun {
  readonly policy: string;
  readonly kubernetesVersion: string;
  readonly coverage: RuleCoverage;
}

export interface TestReport {
  readonly files: readonly TestFileRun[];
  readonly coverage: readonly CoverageRun[] | undefined;
}

export type TestFormatter = (report: TestReport, options: { readonly color: boolean; readonly now: Date }) => string;

/** Problems of the file and of cases that could not run, located. */
export function allProblems(f: TestFileRun): LocatedProblem[] {
  const cases = f.results.flatMap((r) => (r.kind === 'error' ? [{ ...f.position(r.span.start), message: r.message }] : []));
  return [...f.problems, ...cases].sort((a, b) => a.line - b.line || a.column - b.column);
}

export const counts = (report: TestReport) => {
  const ran = report.files.flatMap((f) => f.results).filter((r) => r.kind === 'ran');
  const errors = report.files.reduce((n, f) => n + allProblems(f).length, 0);
  return { passed: ran.filter((r) => r.passed).length, failed: ran.filter((r) => !r.passed).length, errors };
};
