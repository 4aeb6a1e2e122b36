// The pure part of the Test Explorer's items: a case's id within its file (its position in
// `cases`, which is what the server runs) and the lines a run writes to the test output, as the
// CLI's text report writes them. No `vscode` import, so it is unit-tested directly.
import type { PolicyTestCaseResult } from '../../../server/src/protocol.ts';

const SEPARATOR = '#case-';

export const caseId = (fileUri: string, index: number): string => `${fileUri}${SEPARATOR}${index}`;

/** The case index of a case item's id; -1 for a file item's. */
export function caseIndex(id: string): number {
  const at = id.lastIndexOf(SEPARATOR);
  const n = at < 0 ? NaN : Number(id.slice(at + SEPARATOR.length));
  return Number.isSafeInteger(n) && n >= 0 ? n : -1;
}

const STATUS: Record<PolicyTestCaseResult['status'], string> = { passed: 'PASS ', failed: 'FAIL ', error: 'ERROR' };

/** "PASS file:line  name", and for a failure its expected and actual fields (CRLF: the output is a terminal). */
export function outputLines(file: string, r: PolicyTestCaseResult): string {
  const lines = [`${STATUS[r.status]} ${file}:${r.range.start.line + 1}  ${r.name}`];
  if (r.status !== 'passed') lines.push(`      ${r.message}`);
  if (r.status === 'failed') {
    lines.push('      expected:', ...(r.expected ?? '').split('\n').map((l) => `        ${l}`), '      actual:', ...(r.actual ?? '').split('\n').map((l) => `        ${l}`));
  }
  return `${lines.map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')).join('\r\n')}\r\n`;
}
