// The Explain… code lens pre-fills what a person would type: a request line, a user and groups that
// read back to exactly the witness' attributes, or null (then the lens falls back to the Event).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RequestAttributes } from '../../server/src/core/attributes.ts';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { requestLineInput } from '../../server/src/core/explain/explainInput.ts';
import { typedRequest } from '../../server/src/core/explain/typedRequest.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';

const resource = (over: Partial<RequestAttributes>): RequestAttributes => ({
  user: { name: 'kubelet', groups: ['system:nodes', 'system:authenticated'] },
  verb: 'get',
  isResourceRequest: true,
  namespace: '',
  apiGroup: '',
  apiVersion: 'v1',
  resource: 'nodes',
  subresource: '',
  name: 'example',
  path: '/api/v1/nodes/example',
  ...over,
});

test('a get reads as METHOD PATH with its user and groups', () => {
  assert.deepEqual(typedRequest(resource({})), { request: 'GET /api/v1/nodes/example', user: 'kubelet', groups: ['system:nodes', 'system:authenticated'] });
});

test('list, watch and deletecollection name their verb; watch without its ?watch=true', () => {
  const pods = { resource: 'pods', namespace: 'default', name: '', path: '/api/v1/namespaces/default/pods' };
  assert.equal(typedRequest(resource({ ...pods, verb: 'list' }))?.request, 'list /api/v1/namespaces/default/pods');
  assert.equal(typedRequest(resource({ ...pods, verb: 'watch' }))?.request, 'watch /api/v1/namespaces/default/pods');
  assert.equal(typedRequest(resource({ ...pods, verb: 'deletecollection' }))?.request, 'deletecollection /api/v1/namespaces/default/pods');
  assert.equal(typedRequest(resource({ ...pods, verb: 'create' }))?.request, 'POST /api/v1/namespaces/default/pods');
  // a list of one object names it in a field selector
  const named = typedRequest(resource({ ...pods, verb: 'list', name: 'web', path: '/api/v1/namespaces/default/pods' }));
  assert.match(named?.request ?? '', /^list \/api\/v1\/namespaces\/default\/pods\?fieldSelector=metadata\.name%3Dweb$/);
});

test('a non-resource request without a user leaves the user empty', () => {
  const healthz = resource({ user: null, verb: 'get', isResourceRequest: false, resource: '', name: '', apiVersion: '', path: '/healthz' });
  assert.deepEqual(typedRequest(healthz), { request: 'GET /healthz', user: '', groups: [] });
});

test('null when the boxes cannot say it: a verb without a URL, an empty or padded user, a group with a comma or space', () => {
  assert.equal(typedRequest(resource({ verb: 'escalate', resource: 'clusterroles', apiGroup: 'rbac.authorization.k8s.io', path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/example' })), null);
  assert.equal(typedRequest(resource({ user: { name: '', groups: ['system:authenticated'] } })), null);
  assert.equal(typedRequest(resource({ user: { name: ' alice', groups: [] } })), null);
  assert.equal(typedRequest(resource({ user: { name: 'alice', groups: ['a,b'] } })), null);
  assert.equal(typedRequest(resource({ user: { name: 'alice', groups: ['a b'] } })), null);
  // a get whose path names another object than its attributes (no request line produces it)
  assert.equal(typedRequest(resource({ name: 'other' })), null);
});

test('corpus: every rule\'s witness that a request line can express is pre-filled as one, and it explains back to that rule', () => {
  const dir = join(__dirname, '../fixtures/corpus/policies');
  const V = LATEST_KUBERNETES_VERSION;
  let lines = 0;
  let events = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const policy = loadPolicy(readFileSync(join(dir, file), 'utf8'), V).policy;
    for (const r of analyzePolicy(policy, { kubernetesVersion: V }).rules) {
      if (!r.witness) continue;
      const typed = typedRequest(r.witness.attributes);
      if (typed === null) {
        events++;
        continue;
      }
      lines++;
      const read = requestLineInput(typed.request, typed.user === '' ? undefined : typed.user, typed.groups);
      assert.ok(read.ok, `${file} rule ${r.rule}: ${typed.request}`);
      assert.equal(firstMatch(policy, read.input.attributes, V), r.rule, `${file} rule ${r.rule}: ${typed.request} as ${typed.user}`);
    }
  }
  // Witnesses are chosen to read like real traffic: nearly all of them are request lines.
  assert.ok(lines > 0 && events * 10 < lines, `${lines} request lines, ${events} events`);
});
