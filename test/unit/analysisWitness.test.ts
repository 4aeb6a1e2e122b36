// Witnesses read like real traffic: for each policy, the request the last rule's witness describes.
// Where the rule allows a realistic request, that is the one given (the catalog's scope, group,
// served version and subresources; HTTP-method verbs for paths; reads before writes; ordinary
// names); where it forces an odd one, the odd one is still given, proven by the evaluator. Every
// witness here also has a requestURI that kube-apiserver parses back to its Event (except for a
// verb no HTTP method produces).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { makePolicy, uriDisagreement, type RuleSpec } from './analysisFixtures.ts';

const V = LATEST_KUBERNETES_VERSION;

function check(rules: readonly RuleSpec[], expected: string): void {
  const policy = makePolicy(rules);
  const last = analyzePolicy(policy, { kubernetesVersion: V }).rules.at(-1);
  const w = last?.witness;
  assert.ok(w, `rule ${last?.rule} is ${last?.status}`);
  assert.equal(w.description, expected);
  assert.equal(firstMatch(policy, w.attributes, V), last?.rule);
  const why = uriDisagreement(w.event);
  if (why !== undefined) assert.match(why, /has no HTTP method/);
}

const core = (...resources: string[]) => ({ group: '', resources });

describe('witnesses prefer realistic requests', () => {
  test('a catch-all: a get of a pod in the default namespace by alice', () => check([{}], 'GET /api/v1/namespaces/default/pods/example as alice'));
  test('cluster-scoped resources have no namespace', () => check([{ resources: [core('nodes')] }], 'GET /api/v1/nodes/example as alice'));
  test('a namespace is addressed by its own name', () => check([{ resources: [core('namespaces')] }], 'GET /api/v1/namespaces/default as alice'));
  test('namespace status is the namespace object, not a resource inside it', () =>
    check([{ resources: [core('namespaces/status')] }], 'GET /api/v1/namespaces/default/status as alice'));
  test('a resource with its own API group and served version', () =>
    check([{ resources: [{ group: 'autoscaling', resources: ['horizontalpodautoscalers'] }] }], 'GET /apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/example as alice'));
  test('a group\'s own resources, not pods under another group', () =>
    check([{ resources: [{ group: 'apps' }] }], 'GET /apis/apps/v1/namespaces/default/deployments/example as alice'));
  test('"*/sub" picks a resource that has that subresource', () => check([{ resources: [core('*/log')] }], 'GET /api/v1/namespaces/default/pods/example/log as alice'));
  test('"*/status" picks the next resource that has a status when pods/status is taken', () =>
    check([{ resources: [core('pods/status')], level: 'None' }, { resources: [core('*/status')] }], 'GET /api/v1/namespaces/default/services/example/status as alice'));
  test('non-resource requests use HTTP-method verbs, get first', () => check([{ nonResourceURLs: ['/version'] }], 'GET /version as alice'));
  test('when get is taken, another HTTP method, not a resource verb', () =>
    check([{ verbs: ['get'], level: 'None' }, { nonResourceURLs: ['/version'] }], 'POST /version as alice'));
  test('a list of one named object uses the field selector', () =>
    check([{ verbs: ['list'], resources: [{ ...core('pods'), resourceNames: ['web-0'] }] }], 'GET /api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb-0 (list) as alice'));
  test('a watch of one named object uses the field selector and watch=true', () =>
    check([{ verbs: ['watch'], resources: [{ ...core('pods'), resourceNames: ['web-0'] }] }], 'GET /api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb-0&watch=true as alice'));
  test('a delete without a name is a deletecollection; with one, a delete', () =>
    check([{ verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'deletecollection'], level: 'None' }, { resources: [core('secrets')] }], 'DELETE /api/v1/namespaces/default/secrets/example as alice'));
  test('writes only when reads are taken: create posts to the collection', () =>
    check([{ verbs: ['get', 'list', 'watch'], level: 'None' }, { resources: [core('configmaps')] }], 'POST /api/v1/namespaces/default/configmaps as alice'));
  test('a namespaced resource across all namespaces: a list, not a get of a nameless-namespace object', () =>
    check([{ namespaces: [''], resources: [core('pods')] }], 'GET /api/v1/pods (list) as alice'));
  test('a subresource of a named object, even when reads without a name come first in the verb order', () =>
    check([{ verbs: ['get'], level: 'None' }, { resources: [core('pods/log')] }], 'POST /api/v1/namespaces/default/pods/example/log as alice'));
  test('only the forced namespace', () => check([{ namespaces: ['kube-system'], resources: [core('configmaps')] }], 'GET /api/v1/namespaces/kube-system/configmaps/example as alice'));
  test('a namespaced rule on a cluster-scoped resource gets the odd request it allows', () =>
    check([{ namespaces: ['kube-system'], resources: [core('nodes')] }], 'GET /api/v1/namespaces/kube-system/nodes/example as alice'));
  test('a user name the policy names only when the rule requires it', () =>
    check([{ users: ['system:kube-proxy'], level: 'None' }, { userGroups: ['system:authenticated'] }], 'GET /api/v1/namespaces/default/pods/example as alice'));
  test('an unknown group and resource are kept as written', () =>
    check([{ resources: [{ group: 'example.com', resources: ['widgets'] }] }], 'GET /apis/example.com/v1/namespaces/default/widgets/example as alice'));
  test('a verb no resource request carries: a path requested with that HTTP method (which requestinfo.go lowercases)', () =>
    check([{ verbs: ['impersonate'] }], '"impersonate" /version as alice'));
  test('a verb no request carries at all is kept, the rest stays realistic', () =>
    check([{ verbs: ['IMPERSONATE'], resources: [core('pods')] }], '"IMPERSONATE" /api/v1/namespaces/default/pods/example as alice'));
});
