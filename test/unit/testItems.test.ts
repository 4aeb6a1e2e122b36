// The Test Explorer's pure part: a case's id within its file and back, and the lines a run writes
// to the test output (status, file:line and name; for a failure what it expected and got; control
// characters from a file never reach the terminal).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseId, caseIndex, outputLines } from '../../client/src/testing/testItems.ts';
import type { PolicyTestCaseResult } from '../../server/src/protocol.ts';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line: line + 4, character: 0 } });

test('a case id names its file and its index, and reads back', () => {
  const id = caseId('file:///ws/a%20b/audit-policy.test.yaml', 12);
  assert.equal(id, 'file:///ws/a%20b/audit-policy.test.yaml#case-12');
  assert.equal(caseIndex(id), 12);
  assert.equal(caseIndex('file:///ws/audit-policy.test.yaml'), -1, 'a file item');
  assert.equal(caseIndex('file:///ws/x#case-1.5'), -1);
  assert.equal(caseIndex('file:///ws/x#case--1'), -1);
});

test('run output: PASS/FAIL/ERROR with file:line and name; a failure with expected and actual', () => {
  const passed: PolicyTestCaseResult = { index: 0, name: 'watches', range: at(4), status: 'passed', message: 'Passes: rule 0 matches: not logged.', messageRange: at(4) };
  assert.equal(outputLines('policies/a.test.yaml', passed), 'PASS  policies/a.test.yaml:5  watches\r\n');
  const failed: PolicyTestCaseResult = { ...passed, status: 'failed', message: 'This case fails.', expected: 'level: Request\nrule: 2', actual: 'level: Metadata\nrule: 1' };
  assert.equal(
    outputLines('a.test.yaml', failed),
    ['FAIL  a.test.yaml:5  watches', '      This case fails.', '      expected:', '        level: Request', '        rule: 2', '      actual:', '        level: Metadata', '        rule: 1', ''].join('\r\n'),
  );
  const error: PolicyTestCaseResult = { ...passed, name: 'bell\u0007\u001b[2Jname', status: 'error', message: 'eventFile "x.json": no such file' };
  assert.equal(outputLines('a.test.yaml', error), 'ERROR a.test.yaml:5  bell  [2Jname\r\n      eventFile "x.json": no such file\r\n');
});
