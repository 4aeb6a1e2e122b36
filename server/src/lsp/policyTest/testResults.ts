// A test run as the editor shows it: per case passed, failed (expected and actual outcome as the
// same YAML fields, for a diff; the explain trace) or could not run; and the run's diagnostics
// (what cannot be read, expectations no request can meet, failing cases) at the field concerned.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { outcomeText } from '../../core/diff/describeChange.ts';
import { explainMarkdown } from '../../core/describe/explainMarkdown.ts';
import { expectedFields, expectedText, outcomeLines } from '../../core/policyTest/outcomeWords.ts';
import type { CaseResult } from '../../core/policyTest/runPolicyTest.ts';
import type { Span } from '../../core/span.ts';
import type { PolicyTestCaseResult } from '../../protocol.ts';
import type { TestRun } from './testFiles.ts';

type Ran = Extract<CaseResult, { kind: 'ran' }>;

/** "rule 3 matches: Metadata (omitting RequestReceived)". */
export const actualSentence = (r: Ran): string => `${r.actual.rule === null ? 'no rule matches' : `rule ${r.actual.rule} matches`}: ${outcomeText(r.actual)}`;

export const failureSentence = (r: Ran): string => `This case fails: it expects ${expectedText(r.case.expect)}, but ${actualSentence(r)}.`;

/** Where a failure is shown: the first expect field that differs. */
const failureSpan = (r: Ran): Span => r.case.expectFieldSpans[r.mismatches[0] ?? 'level'] ?? r.case.expectSpan;

export function caseResult(run: TestRun, r: CaseResult): PolicyTestCaseResult {
  const range = (s: Span) => run.file.lines.range(s);
  const c = r.case;
  const base = { index: c.index, name: c.name, range: range(c.span) };
  const impossible = run.impossible.get(c.index)?.message;
  if (r.kind === 'error') return { ...base, status: 'error', message: r.message, messageRange: range(r.span) };
  const policy = run.policy !== undefined && 'policy' in run.policy ? run.policy.policy : undefined;
  // Without its title: the outcome comes first (an editor shows a message's first line inline).
  const trace = policy ? explainMarkdown({ policy, attributes: r.attributes, evaluation: r.evaluation, notes: r.notes }).replace(/^# .*\n+/, '') : undefined;
  if (r.passed) return { ...base, status: 'passed', message: `Passes: ${actualSentence(r)}.`, messageRange: range(c.span), ...(trace ? { trace } : {}) };
  const fields = expectedFields(c.expect);
  return {
    ...base,
    status: 'failed',
    message: failureSentence(r),
    expected: outcomeLines(c.expect, fields),
    actual: outcomeLines(r.actual, fields),
    messageRange: range(failureSpan(r)),
    ...(trace ? { trace } : {}),
    ...(impossible ? { impossible } : {}),
  };
}

const error = (run: TestRun, span: Span, message: string): Diagnostic => ({ range: run.file.lines.range(span), severity: DiagnosticSeverity.Error, source: 'kube-audit-policy', message });

export function testDiagnostics(run: TestRun): Diagnostic[] {
  const out = run.test.problems.map((p) => error(run, p.span, p.message));
  if (run.policy && 'error' in run.policy) out.push(error(run, run.policy.span, `The policy ${run.policy.error}.`));
  for (const r of run.results) {
    if (r.kind === 'error') {
      out.push(error(run, r.span, `This case cannot run: ${r.message}.`));
      continue;
    }
    if (r.passed) continue;
    const impossible = run.impossible.get(r.case.index);
    out.push(impossible ? error(run, impossible.span, `${impossible.message} (Its request: ${actualSentence(r)}.)`) : error(run, failureSpan(r), failureSentence(r)));
  }
  return out;
}
