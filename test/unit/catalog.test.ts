// The built-in API catalog: the generated module is what the generator makes of the committed
// input, and the query API answers with facts taken from Kubernetes' discovery documents and the
// hand-kept facts file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildCatalog, compareApiVersions, type DiscoveryInput } from '../../scripts/catalog/buildCatalog.ts';
import { generatedCatalogSource, INPUT_PATH, OUTPUT_PATH } from '../../scripts/catalog/generate.ts';
import {
  groupStatus,
  groupsFor,
  groupsServing,
  obsoleteUser,
  resourceInfo,
  resourcesNamed,
  resourcesOf,
  scopeOf,
  subresourceForKindPlural,
  subresourcesOf,
  WELL_KNOWN_GROUPS,
  WELL_KNOWN_USERS,
} from '../../server/src/core/catalog/apiCatalog.ts';
import { BUILTIN_API } from '../../server/src/core/catalog/data/builtinApi.ts';

const at = (minor: number) => ({ major: 1 as const, minor });
const latest = at(36);

test('the committed catalog module is exactly what the generator makes of the committed input', () => {
  assert.equal(readFileSync(OUTPUT_PATH, 'utf8'), generatedCatalogSource(), 'run: node --import tsx scripts/catalog/generate.ts');
});

test('generation is deterministic whatever the order of documents and rows', () => {
  const input = JSON.parse(readFileSync(INPUT_PATH, 'utf8')) as DiscoveryInput;
  const shuffled: DiscoveryInput = {
    documents: [...input.documents].reverse().map((d) => ({
      source: d.source,
      groupVersions: Object.fromEntries(Object.entries(d.groupVersions).reverse().map(([gv, rows]) => [gv, [...rows].reverse()])),
    })),
  };
  const a = buildCatalog(input);
  const b = buildCatalog(shuffled);
  assert.deepEqual(a.groups, b.groups);
});

test('every input document names its repository, path and commit', () => {
  for (const s of BUILTIN_API.sources) assert.match(s, /^kubernetes\/kubernetes\/api\/discovery\/[\w.]+\.json@[0-9a-f]{40}$/);
});

test('API versions sort as Kubernetes prioritises them', () => {
  assert.deepEqual(['v1alpha1', 'v1beta1', 'v2', 'v1', 'v1beta2', 'v1alpha3'].sort(compareApiVersions), ['v2', 'v1', 'v1beta2', 'v1beta1', 'v1alpha3', 'v1alpha1']);
});

test('groups, resources, scope and subresources come from discovery', () => {
  const cases: [group: string, resource: string, scope: string, subresources: string[]][] = [
    ['', 'pods', 'Namespaced', ['attach', 'binding', 'checkpoint', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status']],
    ['', 'nodes', 'Cluster', ['proxy', 'status']],
    ['', 'serviceaccounts', 'Namespaced', ['token']],
    ['', 'namespaces', 'Cluster', ['finalize', 'status']],
    ['apps', 'deployments', 'Namespaced', ['scale', 'status']],
    ['authentication.k8s.io', 'tokenreviews', 'Cluster', []],
    ['certificates.k8s.io', 'certificatesigningrequests', 'Cluster', ['approval', 'status']],
    ['resource.k8s.io', 'resourceclaims', 'Namespaced', ['status']],
  ];
  for (const [group, resource, scope, subs] of cases) {
    assert.equal(scopeOf(group, resource), scope, `${group}/${resource}`);
    assert.deepEqual(subresourcesOf(group, resource), subs, `${group}/${resource}`);
  }
  assert.deepEqual(resourceInfo('apps', 'deployments')?.kind, 'Deployment');
  assert.deepEqual(resourceInfo('autoscaling', 'horizontalpodautoscalers')?.singular, 'horizontalpodautoscaler');
  const versions = BUILTIN_API.groups.find((g) => g.name === 'autoscaling')?.versions;
  assert.deepEqual(versions, ['v2', 'v1']);
});

test('which groups serve a resource name', () => {
  assert.deepEqual(groupsServing('deployments', latest), ['apps']);
  assert.deepEqual(groupsServing('events', latest), ['', 'events.k8s.io']);
  assert.deepEqual(groupsServing('ingresses', latest), ['networking.k8s.io']);
  // Before 1.22 extensions still served ingresses.
  assert.deepEqual(groupsServing('ingresses', at(21)), ['extensions', 'networking.k8s.io']);
  assert.deepEqual(groupsServing('tokenrequests', latest), []);
});

test('groups served per release: removed groups disappear in the release that removed them', () => {
  assert.ok(groupsFor(at(21)).includes('extensions'));
  assert.ok(!groupsFor(at(22)).includes('extensions'));
  assert.ok(groupsFor(at(19)).includes('settings.k8s.io'));
  assert.ok(!groupsFor(at(20)).includes('settings.k8s.io'));
  assert.equal(groupsFor(latest)[0], '');
  assert.deepEqual(groupStatus('extensions', latest), { kind: 'removed', removedIn: 22, note: groupStatusNote('extensions') });
  assert.deepEqual(groupStatus('extensions', at(21)), { kind: 'builtin', versions: ['v1beta1'] });
  assert.equal(groupStatus('apps', latest)?.kind, 'builtin');
  assert.equal(groupStatus('metrics.k8s.io', latest)?.kind, 'extension');
  assert.equal(groupStatus('oauth.openshift.io', latest), undefined);
});

function groupStatusNote(group: string): string {
  const s = groupStatus(group, latest);
  return s?.kind === 'removed' ? s.note : '';
}

test('resources removed from a group that is still served', () => {
  assert.ok(resourcesOf('policy', at(24)).some((r) => r.name === 'podsecuritypolicies'));
  assert.ok(!resourcesOf('policy', at(25)).some((r) => r.name === 'podsecuritypolicies'));
  assert.equal(resourceInfo('extensions', 'deployments')?.movedTo, 'apps');
  assert.deepEqual(resourcesOf('extensions', at(21)).map((r) => r.name), ['ingresses']);
});

test('kinds and singular names resolve to plural resources', () => {
  const plural = (name: string, prefer?: string) => resourcesNamed(name, latest, prefer).map((r) => `${r.group}/${r.name}`);
  assert.deepEqual(plural('Pod'), ['/pods']);
  assert.deepEqual(plural('pod'), ['/pods']);
  assert.deepEqual(plural('Deployment'), ['apps/deployments']);
  assert.deepEqual(plural('NetworkPolicy'), ['networking.k8s.io/networkpolicies']);
  // Event exists in two groups; the preferred group comes first.
  assert.deepEqual(plural('Event', 'events.k8s.io'), ['events.k8s.io/events', '/events']);
});

test('kinds served only through a subresource', () => {
  assert.deepEqual(subresourceForKindPlural('tokenrequests'), [{ group: '', resource: 'serviceaccounts', subresource: 'token', kind: 'TokenRequest' }]);
  assert.deepEqual(subresourceForKindPlural('evictions').map((s) => `${s.resource}/${s.subresource}`), ['pods/eviction']);
});

test('identities: well-known users and groups, and system:unsecured gone from 1.20', () => {
  const users = WELL_KNOWN_USERS.map((u) => u.name);
  for (const u of ['system:anonymous', 'system:apiserver', 'system:kube-proxy', 'system:kube-scheduler', 'system:kube-controller-manager']) assert.ok(users.includes(u), u);
  const groups = WELL_KNOWN_GROUPS.map((g) => g.name);
  for (const g of ['system:masters', 'system:nodes', 'system:serviceaccounts', 'system:authenticated', 'system:unauthenticated']) assert.ok(groups.includes(g), g);
  assert.equal(obsoleteUser('system:unsecured', at(19)), undefined);
  assert.equal(obsoleteUser('system:unsecured', at(20))?.goneIn, 20);
  assert.equal(obsoleteUser('system:apiserver', latest), undefined);
});

test('the shipped catalog stays small', () => {
  assert.ok(readFileSync(OUTPUT_PATH, 'utf8').length < 40_000);
});
