// Explain's input (shared by the editor, and meant for the CLI): attributes and the notes on what
// kube-apiserver does that a person may not expect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventInput, requestLineInput, type ExplainInputResult } from '../../server/src/core/explain/explainInput.ts';

function check(result: ExplainInputResult, expected: { user?: string | null; notes?: RegExp[]; shown?: string; error?: RegExp }): void {
  if (expected.error) {
    assert.ok(!result.ok && expected.error.test(result.error), JSON.stringify(result));
    return;
  }
  assert.ok(result.ok, JSON.stringify(result));
  if (expected.user !== undefined) assert.equal(result.input.attributes.user?.name ?? null, expected.user);
  if (expected.shown !== undefined) assert.equal(result.input.shown, expected.shown);
  const notes = expected.notes ?? [];
  assert.equal(result.input.notes.length, notes.length, result.input.notes.join('\n'));
  notes.forEach((re, i) => assert.match(result.input.notes[i] ?? '', re));
}

test('request lines: user, groups and the notes about them', () => {
  check(requestLineInput('GET /api/v1/pods', 'alice', ['system:authenticated']), { user: 'alice', shown: 'GET /api/v1/pods' });
  check(requestLineInput('https://example.com:6443/api/v1/pods', 'alice', ['system:authenticated']), { shown: 'GET /api/v1/pods' });
  check(requestLineInput('GET /api/v1/pods', 'alice', []), { user: 'alice', notes: [/adds system:authenticated/] });
  check(requestLineInput('GET /api/v1/pods', 'system:anonymous', ['system:unauthenticated']), { user: 'system:anonymous' });
  check(requestLineInput('GET /api/v1/pods', undefined, ['system:masters']), { user: null, notes: [/no user was given/] });
  check(requestLineInput('GET /api/v1/pods?limit=abc&fieldSelector=metadata.name=x', undefined, []), { user: null, notes: [/ignores fieldSelector/] });
  check(requestLineInput('FETCH /api', 'alice', []), { error: /unknown HTTP method/ });
  const wording = { groupsWithoutUser: 'no --user given', addAuthenticated: 'add --group system:authenticated' };
  check(requestLineInput('GET /api', undefined, ['g'], wording), { notes: [/^no --user given$/] });
  check(requestLineInput('GET /api', 'alice', [], wording), { notes: [/; add --group system:authenticated to see what a real request by alice matches$/] });
});

test('events: impersonation and a create whose name came from the body', () => {
  const base = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', user: { username: 'admin', groups: ['system:masters'] } };
  check(eventInput({ ...base, verb: 'get', requestURI: '/api/v1/namespaces/a/pods/p', objectRef: { resource: 'pods', namespace: 'a', name: 'p', apiVersion: 'v1' } }), { user: 'admin', shown: 'audit event: get /api/v1/namespaces/a/pods/p' });
  check(eventInput({ ...base, verb: 'get', requestURI: '/version', impersonatedUser: { username: 'bob' } }), { user: 'admin', notes: [/impersonates bob/] });
  check(eventInput({ ...base, verb: 'create', requestURI: '/api/v1/namespaces/a/configmaps', objectRef: { resource: 'configmaps', namespace: 'a', name: 'cm', apiVersion: 'v1' } }), { notes: [/filled from the request body/] });
  check(eventInput({ ...base, verb: 'get', impersonatedUser: null, requestURI: '/healthz' }), { user: 'admin' });
  check(eventInput([1]), { error: /expected a JSON object/ });
});
