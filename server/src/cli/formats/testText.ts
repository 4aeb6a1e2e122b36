// `test --format text`: one line per case (PASS / FAIL / ERROR with file:line and name), for a
// failure the expected and actual outcome and the explain trace, problems with their location,
// coverage when asked, and a summary line.
import { actualText, expectedText } from '../../core/policyTest/outcomeWords.ts';
import type { CaseResult } from '../../core/policyTest/runPolicyTest.ts';
import { explainText } from '../explainText.ts';
import { painter } from '../terminalColor.ts';
import { allProblems, counts, type TestFormatter, type TestFileRun } from './testReport.ts';

const safe = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The failure as a block of lines: expected, actual, what differs, the trace. */
export function failureText(f: TestFileRun, r: Extract<CaseResult, { kind: 'ran' }>): string {
  const trace = f.policy
    ? explainText({ file: f.policy.name, text: f.policy.text, policy: f.policy.policy, request: r.shown, attributes: r.attributes, evaluation: r.evaluation, notes: r.notes, color: false })
    : '';
  return [`expected: ${expectedText(r.case.expect)}`, `actual:   ${actualText(r.actual)}`, `differs:  ${r.mismatches.join(', ')}`, '', safe(trace).replace(/\\u000a/g, '\n').trimEnd()].join('\n');
}

export const testText: TestFormatter = (report, { color }) => {
  const paint = painter(color);
  const out: string[] = [];
  const indent = (s: string): string => s.split('\n').map((l) => (l === '' ? l : `      ${l}`)).join('\n');
  for (const f of report.files) {
    for (const p of allProblems(f)) out.push(`${paint('35;1', 'ERROR')} ${safe(f.file)}:${p.line}:${p.column}: ${safe(p.message)}`);
    for (const r of f.results) {
      if (r.kind === 'error') continue;
      const where = `${safe(f.file)}:${f.position(r.case.span.start).line}`;
      if (r.passed) out.push(`${paint('32', 'PASS ')} ${where}  ${safe(r.case.name)}`);
      else out.push(`${paint('31;1', 'FAIL ')} ${where}  ${safe(r.case.name)}`, indent(failureText(f, r)));
    }
  }
  for (const c of report.coverage ?? []) {
    const cov = c.coverage;
    out.push('', `Coverage of ${safe(c.policy)} (Kubernetes ${c.kubernetesVersion}): ${cov.percent.toFixed(1)}% of the reachable rules decided by some case`);
    out.push(`  decided:   ${cov.decided.length === 0 ? 'none' : `rules ${cov.decided.join(', ')}`}`);
    out.push(`  uncovered: ${cov.uncovered.length === 0 ? 'none' : `rules ${cov.uncovered.join(', ')}`}`);
    if (cov.unreachable.length > 0) out.push(`  unreachable (no request can reach them): rules ${cov.unreachable.join(', ')}`);
  }
  const { passed, failed, errors } = counts(report);
  const files = `${report.files.length} test file${report.files.length === 1 ? '' : 's'}`;
  out.push('', `${passed} passed, ${failed} failed${errors > 0 ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''} (${files}).`);
  return `${out.join('\n')}\n`;
};
