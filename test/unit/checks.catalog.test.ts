// Catalog checks: each code with policies that trigger it and policies that must not, then the real
// mistakes of the corpus (test/fixtures/corpus/NOTES.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreGroupName } from '../../server/src/core/checks/catalog/coreGroupName.ts';
import { kindInsteadOfResource } from '../../server/src/core/checks/catalog/kindInsteadOfResource.ts';
import { obsoleteUser } from '../../server/src/core/checks/catalog/obsoleteUser.ts';
import { removedApi } from '../../server/src/core/checks/catalog/removedApi.ts';
import { resourceInWrongGroup } from '../../server/src/core/checks/catalog/resourceInWrongGroup.ts';
import { unknownGroup } from '../../server/src/core/checks/catalog/unknownGroup.ts';
import { unknownResource } from '../../server/src/core/checks/catalog/unknownResource.ts';
import { unknownSubresource } from '../../server/src/core/checks/catalog/unknownSubresource.ts';
import type { Check } from '../../server/src/core/checks/check.ts';
import { check, corpusPolicy, findingsOf, lineOf } from './checksHarness.ts';

/** A policy with one Metadata rule whose resources are the given YAML lines (indented under resources:). */
const policy = (...resources: string[]): string =>
  ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Metadata', '  resources:', ...resources.map((r) => `  ${r}`), ''].join('\n');

const ALL: readonly Check[] = [coreGroupName, kindInsteadOfResource, obsoleteUser, removedApi, resourceInWrongGroup, unknownGroup, unknownResource, unknownSubresource];
const allFindings = (text: string, minor = 36) => ALL.flatMap((c) => findingsOf(c, text, minor));

test('resource-in-wrong-group', () => {
  check(resourceInWrongGroup, policy('- group: ""', '  resources: ["pods", "deployments"]'), [[7, 'resource-in-wrong-group', '(it is in "apps"): this entry never matches it']]);
  // The group key left out means core too (Go zero value).
  check(resourceInWrongGroup, policy('- resources: ["deployments/scale"]'), [[6, 'resource-in-wrong-group', 'group: "apps"']]);
  check(resourceInWrongGroup, policy('- group: apps', '  resources: ["pods"]'), [[7, 'resource-in-wrong-group', '(it is in the core group ("")): this entry never matches it']]);
  check(resourceInWrongGroup, policy('- group: apps', '  resources: ["deployments", "deployments/scale", "statefulsets/*"]'), []);
  check(resourceInWrongGroup, policy('- group: ""', '  resources: ["pods", "secrets", "*"]'), []);
});

test('unknown-resource, with the subresource a kind is served through and near misses', () => {
  check(unknownResource, policy('- group: authentication.k8s.io', '  resources: ["tokenreviews", "tokenrequests"]'), [
    [7, 'unknown-resource', 'TokenRequests are created through "serviceaccounts/token"'],
  ]);
  check(unknownResource, policy('- group: ""', '  resources: ["secretz"]'), [[7, 'unknown-resource', 'did you mean "secrets"?']]);
  check(unknownResource, policy('- group: rbac.authorization.k8s.io', '  resources: ["widgets"]'), [[7, 'unknown-resource', 'has no resource "widgets", so this entry matches no request']]);
  // Names of extension groups are not checked: their resources depend on what is installed.
  check(unknownResource, policy('- group: metrics.k8s.io', '  resources: ["widgets"]'), []);
  check(unknownResource, policy('- group: example.com', '  resources: ["widgets"]'), []);
});

test('unknown-subresource for res/sub and */sub', () => {
  check(unknownSubresource, policy('- group: ""', '  resources: ["pods/exec", "pods/shell", "*/status", "*/bogus", "pods/*", "pods/resize"]'), [
    [7, 'unknown-subresource', '"pods" has no subresource "shell"'],
    [7, 'unknown-subresource', 'No resource of the core group ("") has a subresource "bogus"'],
  ]);
  check(unknownSubresource, policy('- group: ""', '  resources: ["secrets/token"]'), [[7, 'unknown-subresource', 'It has no subresources.']]);
  check(unknownSubresource, policy('- group: ""', '  resources: ["serviceaccounts/token", "pods/log", "nodes/proxy"]'), []);
});

test('unknown-group is information, with what the entry probably meant', () => {
  const seen = findingsOf(unknownGroup, policy('- group: oauth.openshift.io', '  resources: ["oauthclients", "tokenreviews"]'));
  assert.equal(seen.length, 1);
  assert.equal(seen[0]?.finding.severity, 'information');
  assert.match(seen[0]?.message ?? '', /"tokenreviews" is a built-in resource of "authentication.k8s.io"/);
  check(unknownGroup, policy('- group: rbac.authorization.k8s.i0', '  resources: ["roles"]'), [[6, 'unknown-group', 'Did you mean "rbac.authorization.k8s.io"?']]);
  // Known aggregated APIs and SIG-defined CRD groups, built-in groups, and group "*" are not reported.
  for (const g of ['metrics.k8s.io', 'custom.metrics.k8s.io', 'snapshot.storage.k8s.io', 'gateway.networking.k8s.io', 'apps', '"*"']) {
    check(unknownGroup, policy(`- group: ${g}`), []);
  }
});

test('kind-instead-of-resource: kinds, singulars and capitalised plurals', () => {
  check(kindInsteadOfResource, policy('- group: ""', '  resources: ["Pod", "pod", "Pods", "pods", "ConfigMap/status"]'), [
    [7, 'kind-instead-of-resource', '"Pod" is a kind or singular name'],
    [7, 'kind-instead-of-resource', '"pods" in the core group'],
    [7, 'kind-instead-of-resource', 'Resource names are lowercase'],
    [7, 'kind-instead-of-resource', '"configmaps/status"'],
  ]);
  check(kindInsteadOfResource, policy('- group: ""', '  resources: ["Deployment"]'), [[7, 'kind-instead-of-resource', '"deployments" in "apps"']]);
  check(kindInsteadOfResource, policy('- group: apps', '  resources: ["deployment"]'), [[7, 'kind-instead-of-resource', '"deployments" in "apps"']]);
});

test('core-group-name: "core" and "v1" written as the group', () => {
  check(coreGroupName, policy('- group: core', '  resources: ["pods"]', '- group: v1', '  resources: ["secrets"]'), [
    [6, 'core-group-name', 'not "core"'],
    [8, 'core-group-name', 'not "v1"'],
  ]);
  check(coreGroupName, policy('- group: ""', '  resources: ["pods"]'), []);
  // A core-group-name entry is not also reported as an unknown group.
  assert.deepEqual(allFindings(policy('- group: core', '  resources: ["pods"]')).map((s) => s.code), ['core-group-name']);
});

test('removed-api depends on the target release', () => {
  const ext = policy('- group: extensions', '  resources: ["ingresses", "deployments"]');
  check(removedApi, ext, [[6, 'removed-api', 'Kubernetes 1.36 no longer serves the API group "extensions" (removed in 1.22)']]);
  // On 1.21 the group is served, ingresses too; deployments left it in 1.16.
  check(removedApi, ext, [[7, 'removed-api', 'no longer serves "deployments" (removed in 1.16)'] as const], 21);
  check(removedApi, policy('- group: settings.k8s.io', '  resources: ["podpresets"]'), [], 19);
  check(removedApi, policy('- group: settings.k8s.io', '  resources: ["podpresets"]'), [[6, 'removed-api', 'removed in 1.20']], 20);
  check(removedApi, policy('- group: policy', '  resources: ["podsecuritypolicies", "poddisruptionbudgets"]'), [[7, 'removed-api', 'removed in 1.25']], 25);
  check(removedApi, policy('- group: policy', '  resources: ["podsecuritypolicies"]'), [], 24);
});

test('obsolete-user: system:unsecured matches nothing from 1.20', () => {
  const text = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: None', '  users: ["system:unsecured", "system:kube-proxy"]', '- level: None', '  users: ["system:unsecured"]', ''].join('\n');
  check(obsoleteUser, text, [
    [5, 'obsolete-user', 'this entry matches no request'],
    [7, 'obsolete-user', 'this rule matches no real request'],
  ]);
  check(obsoleteUser, text, [], 19);
});

test('valid entries of every built-in group produce no catalog finding', () => {
  const text = policy(
    '- group: ""',
    '  resources: ["pods", "pods/log", "pods/exec", "secrets", "configmaps", "serviceaccounts/token", "nodes/status", "*"]',
    '- group: apps',
    '  resources: ["deployments", "deployments/scale", "replicasets", "statefulsets", "daemonsets"]',
    '- group: rbac.authorization.k8s.io',
    '  resources: ["roles", "rolebindings", "clusterroles", "clusterrolebindings"]',
    '- group: authentication.k8s.io',
    '  resources: ["tokenreviews"]',
    '- group: networking.k8s.io',
    '  resources: ["ingresses", "networkpolicies"]',
    '- group: coordination.k8s.io',
    '- group: resource.k8s.io',
    '  resources: ["resourceclaims/status"]',
  );
  assert.deepEqual(allFindings(text), []);
});

// The real mistakes listed in test/fixtures/corpus/NOTES.md that the catalog checks must find.
test('corpus: falco lists deployments under the core group', () => {
  const text = corpusPolicy('falco-example-v1beta1.yaml');
  const seen = findingsOf(resourceInWrongGroup, text);
  assert.deepEqual(seen.map((s) => [s.line, s.code]), [[lineOf(text, '"deployments"'), 'resource-in-wrong-group']]);
});

test('corpus: gce uses extensions and system:unsecured; metrics.k8s.io is a known aggregated API', () => {
  const text = corpusPolicy('gce-configure-helper.yaml');
  const seen = allFindings(text);
  const codes = seen.map((s) => s.code);
  assert.ok(codes.includes('removed-api'));
  assert.ok(seen.some((s) => s.code === 'removed-api' && s.message.includes('"extensions"')));
  assert.ok(seen.some((s) => s.code === 'obsolete-user' && s.line === lineOf(text, 'system:unsecured')));
  assert.ok(!seen.some((s) => s.message.includes('metrics.k8s.io')), 'metrics.k8s.io is not reported');
  assert.deepEqual([...new Set(codes)].sort(), ['obsolete-user', 'removed-api']);
});

test('corpus: openshift tokenrequests under authentication.k8s.io, tokenreviews under oauth.openshift.io, OpenShift groups only information', () => {
  for (const name of ['openshift-writerequestbodies.yaml', 'openshift-allrequestbodies.yaml', 'openshift-oauth.yaml', 'openshift-multiple-customrules.yaml']) {
    const text = corpusPolicy(name);
    const seen = allFindings(text);
    const tokenrequests = seen.filter((s) => s.code === 'unknown-resource');
    assert.ok(tokenrequests.length >= 1, name);
    for (const s of tokenrequests) {
      assert.equal(s.finding.severity, 'warning');
      assert.match(s.message, /"tokenrequests".*serviceaccounts\/token/);
    }
    assert.ok(seen.some((s) => s.code === 'unknown-group' && s.message.includes('"oauth.openshift.io"') && s.message.includes('"tokenreviews" is a built-in resource')), name);
    for (const s of seen.filter((x) => x.message.includes('openshift.io'))) assert.equal(s.finding.severity, 'information', `${name}: ${s.message}`);
    assert.deepEqual([...new Set(seen.map((s) => s.code))].sort(), ['unknown-group', 'unknown-resource'], name);
  }
});

test('corpus: settings.k8s.io in kubespray, tanzu and eks-anywhere', () => {
  for (const name of ['kubespray.yaml', 'tanzu-tkg.yaml', 'eks-anywhere-v1beta1.yaml', 'eks-anywhere-v1-marshalled.yaml']) {
    const seen = findingsOf(removedApi, corpusPolicy(name));
    assert.ok(seen.some((s) => s.message.includes('"settings.k8s.io" (removed in 1.20)')), name);
    // Still served by 1.19: nothing to say about it then.
    assert.ok(!findingsOf(removedApi, corpusPolicy(name), 19).some((s) => s.message.includes('settings.k8s.io')), name);
  }
});

test('corpus: no catalog finding on policies that only use valid built-in names', () => {
  for (const name of ['audicia.yaml', 'kops-docs.yaml', 'perfspec-dataset.yaml', 'cage-research.yaml', 'charmed-kubernetes.yaml']) {
    assert.deepEqual(allFindings(corpusPolicy(name)).filter((s) => s.code !== 'obsolete-user'), [], name);
  }
});
