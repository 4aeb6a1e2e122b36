// Audit Event -> the attributes the policy checker saw (eventToAttributes), on hand-made events and
// on every line of the corpus logs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { attributesOf, type AttributesSpec } from '../fixtures/semantics/build.ts';

const alice = { username: 'alice', groups: ['system:authenticated'] };

const CASES: readonly (readonly [string, unknown, AttributesSpec | { error: string }])[] = [
  ['resource request: fields from objectRef', { kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb: 'get', user: alice, requestURI: '/apis/apps/v1/namespaces/a/deployments/d/scale?x=1', objectRef: { resource: 'deployments', subresource: 'scale', namespace: 'a', name: 'd', apiGroup: 'apps', apiVersion: 'v1' } },
    { user: { name: 'alice', groups: ['system:authenticated'] }, verb: 'get', isResourceRequest: true, namespace: 'a', apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments', subresource: 'scale', name: 'd', path: '/apis/apps/v1/namespaces/a/deployments/d/scale' }],
  ['non-resource request: path is requestURI without the query', { kind: 'Event', verb: 'get', user: alice, requestURI: '/healthz?verbose=1' }, { user: { name: 'alice', groups: ['system:authenticated'] }, verb: 'get', path: '/healthz' }],
  ['non-resource path is percent-decoded as the server matched it', { verb: 'get', user: alice, requestURI: '/logs/a%20b.log' }, { user: { name: 'alice', groups: ['system:authenticated'] }, verb: 'get', path: '/logs/a b.log' }],
  ['the authenticated user, not impersonatedUser', { verb: 'list', user: { username: 'system:admin', groups: ['system:masters'] }, impersonatedUser: { username: 'bob', groups: ['system:authenticated'] }, objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' } },
    { user: { name: 'system:admin', groups: ['system:masters'] }, verb: 'list', isResourceRequest: true, namespace: 'default', apiVersion: 'v1', resource: 'pods' }],
  ['an empty user object is no user (failed authentication)', { verb: 'get', user: {}, requestURI: '/api' }, { verb: 'get', path: '/api' }],
  ['a user with an empty name but groups is a user', { verb: 'get', user: { username: '', groups: ['g'] }, requestURI: '/api' }, { user: { name: '', groups: ['g'] }, verb: 'get', path: '/api' }],
  ['a missing user is no user', { verb: 'get', requestURI: '/api' }, { verb: 'get', path: '/api' }],
  ['objectRef null is a non-resource request', { verb: 'get', requestURI: '/version', objectRef: null }, { verb: 'get', path: '/version' }],
  ['a resource event without requestURI has path ""', { verb: 'get', objectRef: { resource: 'pods' } }, { verb: 'get', isResourceRequest: true, resource: 'pods' }],
  ['verb "" is kept (an unmapped HTTP method on a resource)', { verb: '', objectRef: { resource: 'pods' } }, { verb: '', isResourceRequest: true, resource: 'pods' }],
  ['v1beta1 events have the same shape', { kind: 'Event', apiVersion: 'audit.k8s.io/v1beta1', verb: 'create', user: alice, objectRef: { resource: 'namespaces', name: 'foo', apiVersion: 'v1' } },
    { user: { name: 'alice', groups: ['system:authenticated'] }, verb: 'create', isResourceRequest: true, apiVersion: 'v1', resource: 'namespaces', name: 'foo' }],
  ['v1alpha1 wrote group/version together in objectRef.apiVersion', { kind: 'Event', apiVersion: 'audit.k8s.io/v1alpha1', verb: 'get', user: alice, objectRef: { resource: 'deployments', apiVersion: 'apps/v1beta1' } },
    { user: { name: 'alice', groups: ['system:authenticated'] }, verb: 'get', isResourceRequest: true, apiGroup: 'apps', apiVersion: 'v1beta1', resource: 'deployments' }],
  ['v1alpha1 has no apiGroup field: only objectRef.apiVersion counts', { apiVersion: 'audit.k8s.io/v1alpha1', verb: 'get', objectRef: { resource: 'pods', apiGroup: 'ignored', apiVersion: 'v1' } },
    { verb: 'get', isResourceRequest: true, apiVersion: 'v1', resource: 'pods' }],
  ['{"kind":0}', { kind: 0 }, { error: 'kind must be "Event", got number 0' }],
  ['an EventList', { kind: 'EventList', items: [] }, { error: 'this is an EventList; pass its items' }],
  ['another apiVersion', { kind: 'Event', apiVersion: 'v1', verb: 'get' }, { error: 'apiVersion must be one of audit.k8s.io/v1, audit.k8s.io/v1beta1, audit.k8s.io/v1alpha1, got string "v1"' }],
  ['no verb', { kind: 'Event', requestURI: '/api' }, { error: '"verb" must be a string, got nothing' }],
  ['verb of the wrong type', { verb: 1, requestURI: '/api' }, { error: '"verb" must be a string, got number 1' }],
  ['neither objectRef nor requestURI', { verb: 'get' }, { error: 'neither objectRef (resource request) nor requestURI (non-resource request)' }],
  ['objectRef not an object', { verb: 'get', objectRef: 'pods' }, { error: 'objectRef must be an object, got string "pods"' }],
  ['objectRef field of the wrong type', { verb: 'get', objectRef: { resource: ['pods'] } }, { error: 'objectRef.resource must be a string, got an array' }],
  ['user not an object', { verb: 'get', user: 'alice', requestURI: '/api' }, { error: 'user must be an object, got string "alice"' }],
  ['groups not a list', { verb: 'get', user: { username: 'a', groups: 'g' }, requestURI: '/api' }, { error: 'user.groups must be an array of strings, got string "g"' }],
  ['a group not a string', { verb: 'get', user: { username: 'a', groups: ['g', 2] }, requestURI: '/api' }, { error: 'user.groups[1] must be a string, got number 2' }],
  ['not an object', [1, 2], { error: 'expected a JSON object, got an array' }],
  ['null', null, { error: 'expected a JSON object, got null' }],
  ['a string', 'Event', { error: 'expected a JSON object, got string "Event"' }],
  ['not JSON data: a BigInt verb', { verb: 1n }, { error: '"verb" must be a string, got bigint (bigint)' }],
  ['not JSON data: a throwing getter', { get verb(): string { throw new Error('boom'); } }, { error: 'not an audit Event: boom' }],
];

function check(label: string, event: unknown, expected: AttributesSpec | { error: string }): void {
  const r = eventToAttributes(event);
  if ('error' in expected) {
    assert.equal(r.ok, false, label);
    if (!r.ok) assert.ok(r.error.includes(expected.error), `${label}: ${r.error}`);
  } else {
    assert.deepEqual(r, { ok: true, attributes: attributesOf(expected) }, label);
  }
}

for (const [label, event, expected] of CASES) test(label, () => check(label, event, expected));

const LOGS = join(__dirname, '..', 'fixtures', 'corpus', 'logs');

test('corpus logs: every event line converts or gives a reason; the counts are known', () => {
  const counts: Record<string, { ok: number; errors: string[] }> = {};
  for (const file of readdirSync(LOGS)) {
    const c = { ok: 0, errors: [] as string[] };
    for (const line of readFileSync(join(LOGS, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const r = eventToAttributes(JSON.parse(line));
      if (r.ok) c.ok++;
      else c.errors.push(r.error);
    }
    counts[file] = c;
  }
  const summary = Object.fromEntries(Object.entries(counts).map(([f, c]) => [f, [c.ok, c.errors.length]]));
  assert.deepEqual(summary, {
    'audit2rbac-demo-raw-v1beta1.jsonl': [757, 0],
    'audit2rbac-demo.jsonl': [37, 0],
    'crowdsec-hub-k8s-audit-tests.jsonl': [2, 0],
    'falco-fal_01_003-invalid.jsonl': [0, 1],
    'falco-k8s-audit-traces.jsonl': [51, 0],
    // Panther's test events are partial: 11 have no verb and 3 have neither objectRef nor
    // requestURI, so what the checker saw is unknown.
    'panther-eks-audit-test-events.jsonl': [174, 14],
  });
  assert.deepEqual(
    new Set(counts['panther-eks-audit-test-events.jsonl']?.errors),
    new Set(['not an audit Event: "verb" must be a string, got nothing', 'not an audit Event: it has neither objectRef (resource request) nor requestURI (non-resource request)']),
  );
});

test('corpus: impersonated requests are evaluated with the authenticated user', () => {
  const lines = readFileSync(join(LOGS, 'audit2rbac-demo.jsonl'), 'utf8').split('\n').filter((l) => l.includes('impersonatedUser'));
  assert.ok(lines.length > 0);
  for (const line of lines) {
    const r = eventToAttributes(JSON.parse(line));
    assert.ok(r.ok);
    if (r.ok) assert.equal(r.attributes.user?.name, 'system:admin');
  }
});
