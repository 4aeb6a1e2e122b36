// The client's Explain Request input handling (pure part): what is accepted, how groups are split and
// which command arguments are understood.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGroups, readExplainArgs, validateRequestInput } from '../../client/src/explainInput.ts';

test('validateRequestInput accepts request lines and Event objects, explains the rest', () => {
  const cases: [string, RegExp | undefined][] = [
    ['GET /api/v1/namespaces/kube-system/secrets/foo', undefined],
    ['  list   /apis/apps/v1/deployments?watch=true ', undefined],
    ['{"kind":"Event","verb":"get"}', undefined],
    ['', /Type a request/],
    ['/api/v1/pods', /method \(or verb\) and the path/],
    ['GET api/v1/pods', /starts with "\/"/],
    ['GET /api extra', /method \(or verb\) and the path/],
    ['{"kind":', /Not valid JSON/],
    ['{} ', undefined],
  ];
  for (const [input, expected] of cases) {
    const message = validateRequestInput(input);
    if (expected === undefined) assert.equal(message, undefined, input);
    else assert.match(message ?? '', expected, input);
  }
});

test('parseGroups splits on commas and spaces and drops empties', () => {
  assert.deepEqual(parseGroups(' system:authenticated, system:masters ,,dev  ops'), ['system:authenticated', 'system:masters', 'dev', 'ops']);
  assert.deepEqual(parseGroups('  '), []);
});

test('readExplainArgs reads code-lens arguments and script arguments, ignores the rest', () => {
  const cases: [unknown, ReturnType<typeof readExplainArgs>][] = [
    [undefined, {}],
    ['file:///p.yaml', {}],
    [
      { uri: 'file:///p.yaml', rule: 2, example: { request: 'GET /api/v1/pods', user: 'alice', groups: ['system:authenticated'] } },
      { uri: 'file:///p.yaml', rule: 2, example: { request: 'GET /api/v1/pods', user: 'alice', groups: ['system:authenticated'] } },
    ],
    [{ request: 'GET /healthz', groups: ['a', 3] }, { input: { request: 'GET /healthz' } }],
    [{ uri: 7, rule: '1', example: { user: 'x' } }, {}],
  ];
  for (const [arg, expected] of cases) assert.deepEqual(readExplainArgs(arg), expected, JSON.stringify(arg));
});
