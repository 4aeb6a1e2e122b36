// `kube-audit-policy explain` through the built out/cli.js (run `npm run build` first): the JSON
// contract, the text format (goldens, rewritten with UPDATE_GOLDENS=1), and exit 2 with a message
// for every kind of bad input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli.js');
const DIR = 'test/fixtures/semantics/explain';
const POLICY = `${DIR}/policy.yaml`;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], stdin = ''): Run {
  assert.ok(existsSync(CLI), 'out/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, 'explain', ...args], { cwd: ROOT, input: stdin, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const attrs = (o: Record<string, unknown>) => ({
  user: null,
  groups: [],
  verb: '',
  isResourceRequest: false,
  namespace: '',
  apiGroup: '',
  apiVersion: '',
  resource: '',
  subresource: '',
  name: '',
  path: '',
  ...o,
});

const JSON_CASES: readonly { name: string; args: readonly string[]; stdin?: string; expected: unknown; stderr?: string }[] = [
  {
    name: 'request without --user: "user": null, and user rules cannot match',
    args: [POLICY, '--request', 'GET /api/v1/namespaces/kube-system/secrets/foo', '--format', 'json'],
    expected: {
      rule: 3,
      level: 'Metadata',
      omitStages: ['RequestReceived'],
      omitManagedFields: true,
      attributes: attrs({ verb: 'get', isResourceRequest: true, namespace: 'kube-system', apiVersion: 'v1', resource: 'secrets', name: 'foo', path: '/api/v1/namespaces/kube-system/secrets/foo' }),
      trace: [
        { rule: 0, matched: false, reason: 'request has no user, and the rule requires users ["system:kube-proxy"]' },
        { rule: 1, matched: false, reason: 'request has no user, and the rule requires userGroups ["system:nodes"]' },
        { rule: 2, matched: false, reason: 'verbs ["create", "update", "patch"] do not include "get"' },
        { rule: 3, matched: true, reason: 'matches: resources match "secrets"' },
      ],
    },
  },
  {
    name: 'request with --user and --group',
    args: [POLICY, '--request', 'get /api/v1/nodes/n1/status', '--user', 'system:node:n1', '--group', 'system:nodes', '--group', 'system:authenticated', '--format', 'json'],
    expected: {
      rule: 1,
      level: 'None',
      omitStages: ['RequestReceived'],
      omitManagedFields: false,
      attributes: attrs({ user: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'], verb: 'get', isResourceRequest: true, apiVersion: 'v1', resource: 'nodes', subresource: 'status', name: 'n1', path: '/api/v1/nodes/n1/status' }),
      trace: [
        { rule: 0, matched: false, reason: 'user "system:node:n1" is not in users ["system:kube-proxy"]' },
        { rule: 1, matched: true, reason: 'matches: userGroups share a group with the user' },
      ],
    },
  },
  {
    name: 'no rule matches: level None with the policy-level omit settings',
    args: [POLICY, '--request', 'POST /apis/apps/v1/namespaces/default/deployments', '--user', 'alice', '--group', 'system:authenticated', '--format', 'json'],
    expected: {
      rule: null,
      level: 'None',
      omitStages: ['RequestReceived'],
      omitManagedFields: false,
      attributes: attrs({ user: 'alice', groups: ['system:authenticated'], verb: 'create', isResourceRequest: true, namespace: 'default', apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments', path: '/apis/apps/v1/namespaces/default/deployments' }),
      trace: [
        { rule: 0, matched: false, reason: 'user "alice" is not in users ["system:kube-proxy"]' },
        { rule: 1, matched: false, reason: 'none of the user\'s groups ["system:authenticated"] is in userGroups ["system:nodes"]' },
        { rule: 2, matched: false, reason: 'API group "apps" is not among the rule\'s groups [""]' },
        { rule: 3, matched: false, reason: 'API group "apps" is not among the rule\'s groups [""]' },
        { rule: 4, matched: false, reason: 'resource request (deployments), and the rule only has nonResourceURLs' },
        { rule: 5, matched: false, reason: 'namespace "default" is not in namespaces ["kube-system"]' },
      ],
    },
  },
  {
    name: 'rule omitStages are added to the policy\'s, in stage order',
    args: [POLICY, '--request', 'GET /api/v1/namespaces/kube-system/pods', '--user', 'alice', '--group', 'system:authenticated', '--format', 'json'],
    expected: {
      rule: 5,
      level: 'RequestResponse',
      omitStages: ['RequestReceived', 'Panic'],
      omitManagedFields: false,
      attributes: attrs({ user: 'alice', groups: ['system:authenticated'], verb: 'list', isResourceRequest: true, namespace: 'kube-system', apiVersion: 'v1', resource: 'pods', path: '/api/v1/namespaces/kube-system/pods' }),
      trace: [
        { rule: 0, matched: false, reason: 'user "alice" is not in users ["system:kube-proxy"]' },
        { rule: 1, matched: false, reason: 'none of the user\'s groups ["system:authenticated"] is in userGroups ["system:nodes"]' },
        { rule: 2, matched: false, reason: 'verbs ["create", "update", "patch"] do not include "list"' },
        { rule: 3, matched: false, reason: 'resource "pods" is not matched by resources ["secrets", "configmaps"] in the core API group ""' },
        { rule: 4, matched: false, reason: 'resource request (pods), and the rule only has nonResourceURLs' },
        { rule: 5, matched: true, reason: 'matches: namespaces include "kube-system"' },
      ],
    },
  },
  {
    name: '--event: the authenticated user, not the impersonated one; a note on stderr',
    args: [POLICY, '--event', `${DIR}/event-impersonated.json`, '--format', 'json'],
    stderr: 'the event impersonates bob',
    expected: {
      rule: 2,
      level: 'Request',
      omitStages: ['RequestReceived'],
      omitManagedFields: false,
      attributes: attrs({ user: 'system:admin', groups: ['system:masters', 'system:authenticated'], verb: 'create', isResourceRequest: true, namespace: 'default', apiVersion: 'v1', resource: 'pods', path: '/api/v1/namespaces/default/pods' }),
      trace: [
        { rule: 0, matched: false, reason: 'user "system:admin" is not in users ["system:kube-proxy"]' },
        { rule: 1, matched: false, reason: 'none of the user\'s groups ["system:masters", "system:authenticated"] is in userGroups ["system:nodes"]' },
        { rule: 2, matched: true, reason: 'matches: verbs include "create"; resources match "pods"' },
      ],
    },
  },
  {
    name: '--event - reads standard input',
    args: [POLICY, '--event', '-', '--format', 'json'],
    stdin: '{"verb":"get","user":{},"requestURI":"/healthz/etcd?verbose"}',
    expected: {
      rule: 4,
      level: 'None',
      omitStages: ['RequestReceived'],
      omitManagedFields: false,
      attributes: attrs({ verb: 'get', path: '/healthz/etcd' }),
      trace: [
        { rule: 0, matched: false, reason: 'request has no user, and the rule requires users ["system:kube-proxy"]' },
        { rule: 1, matched: false, reason: 'request has no user, and the rule requires userGroups ["system:nodes"]' },
        { rule: 2, matched: false, reason: 'verbs ["create", "update", "patch"] do not include "get"' },
        { rule: 3, matched: false, reason: 'non-resource request (path "/healthz/etcd"), and the rule only matches resource requests (it has resources)' },
        { rule: 4, matched: true, reason: 'matches: nonResourceURLs match "/healthz/etcd"' },
      ],
    },
  },
  {
    name: 'group "*" matches every group on 1.36',
    args: [`${DIR}/wildcard-group.yaml`, '--request', 'PUT /apis/apps/v1/namespaces/a/deployments/d/status', '--format', 'json', '--kubernetes-version', '1.36'],
    expected: {
      rule: 0,
      level: 'None',
      omitStages: [],
      omitManagedFields: false,
      attributes: attrs({ verb: 'update', isResourceRequest: true, namespace: 'a', apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments', subresource: 'status', name: 'd', path: '/apis/apps/v1/namespaces/a/deployments/d/status' }),
      trace: [{ rule: 0, matched: true, reason: 'matches: resources match "deployments/status"' }],
    },
  },
  {
    name: 'group "*" is literal before 1.36 (and the policy is refused: warning on stderr)',
    args: [`${DIR}/wildcard-group.yaml`, '--request', 'PUT /apis/apps/v1/namespaces/a/deployments/d/status', '--format', 'json', '--kubernetes-version', '1.35'],
    stderr: 'would refuse it',
    expected: {
      rule: 1,
      level: 'Metadata',
      omitStages: [],
      omitManagedFields: false,
      attributes: attrs({ verb: 'update', isResourceRequest: true, namespace: 'a', apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments', subresource: 'status', name: 'd', path: '/apis/apps/v1/namespaces/a/deployments/d/status' }),
      trace: [
        { rule: 0, matched: false, reason: 'API group "apps" is not among the rule\'s groups ["*"]; group "*" matches every group only from Kubernetes 1.36 (target 1.35)' },
        { rule: 1, matched: true, reason: 'matches: the rule has no conditions, so it matches every request' },
      ],
    },
  },
  {
    name: 'a rule with an invalid level never matches; the refused policy is still explained',
    args: [`${DIR}/invalid-level.yaml`, '--request', 'GET /healthz', '--format', 'json'],
    stderr: 'invalid-level.yaml has 1 error; kube-apiserver 1.36 would refuse it',
    expected: {
      rule: 1,
      level: 'Metadata',
      omitStages: [],
      omitManagedFields: false,
      attributes: attrs({ verb: 'get', path: '/healthz' }),
      trace: [
        { rule: 0, matched: false, reason: 'the rule has no valid level, so it never matches (kube-apiserver refuses such a policy)' },
        { rule: 1, matched: true, reason: 'matches: verbs include "get"' },
      ],
    },
  },
  {
    name: 'a policy from standard input with no rules: level None',
    args: ['-', '--request', 'GET /healthz', '--format', 'json'],
    stdin: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [Panic]\nrules: []\n',
    stderr: 'standard input has 1 error',
    expected: { rule: null, level: 'None', omitStages: ['Panic'], omitManagedFields: false, attributes: attrs({ verb: 'get', path: '/healthz' }), trace: [] },
  },
];

for (const c of JSON_CASES) {
  test(`json: ${c.name}`, () => {
    const r = run(c.args, c.stdin);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), c.expected);
    if (c.stderr === undefined) assert.equal(r.stderr, '');
    else assert.ok(r.stderr.includes(c.stderr), r.stderr);
  });
}

const GOLDENS: readonly { name: string; args: readonly string[] }[] = [
  { name: 'text-secret-get', args: [POLICY, '--request', 'GET /api/v1/namespaces/kube-system/secrets/foo', '--user', 'alice'] },
  { name: 'text-no-match', args: [POLICY, '--request', 'DELETE /apis/apps/v1/namespaces/default/deployments', '--user', 'alice', '--group', 'system:authenticated'] },
  { name: 'text-event', args: [POLICY, '--event', `${DIR}/event-impersonated.json`] },
  { name: 'text-event-create-named', args: [POLICY, '--event', `${DIR}/event-create-named.json`] },
  { name: 'text-groups-without-user', args: [POLICY, '--request', '/api/v1/nodes', '--group', 'system:nodes'] },
];

for (const g of GOLDENS) {
  test(`text golden: ${g.name}`, () => {
    const r = run(g.args);
    assert.equal(r.status, 0, r.stderr);
    const file = join(ROOT, DIR, `${g.name}.golden.txt`);
    if (process.env.UPDATE_GOLDENS === '1') writeFileSync(file, r.stdout);
    assert.equal(r.stdout, readFileSync(file, 'utf8'));
  });
}

const USAGE_CASES: readonly { name: string; args: readonly string[]; stdin?: string; stderr: string }[] = [
  { name: 'no policy', args: [], stderr: 'no policy file given' },
  { name: 'two policies', args: [POLICY, POLICY, '--request', 'GET /api'], stderr: 'one policy file expected, got 2' },
  { name: 'neither --event nor --request', args: [POLICY], stderr: 'give exactly one of --event FILE or --request' },
  { name: 'both --event and --request', args: [POLICY, '--event', `${DIR}/event-impersonated.json`, '--request', 'GET /api'], stderr: 'give exactly one of --event FILE or --request' },
  { name: '--user with --event', args: [POLICY, '--event', `${DIR}/event-impersonated.json`, '--user', 'bob'], stderr: 'an --event carries its own user' },
  { name: 'bad method', args: [POLICY, '--request', 'FETCH /api/v1/pods'], stderr: 'unknown HTTP method "FETCH"' },
  { name: 'relative path', args: [POLICY, '--request', 'GET api/v1/pods'], stderr: 'the path must start with "/"' },
  { name: 'URL the server rejects before auditing', args: [POLICY, '--request', 'GET /api/v1/watch'], stderr: 'the server answers 500 before auditing' },
  { name: 'unknown format', args: [POLICY, '--request', 'GET /api', '--format', 'yaml'], stderr: "unknown format 'yaml' (expected text or json)" },
  { name: 'bad version', args: [POLICY, '--request', 'GET /api', '--kubernetes-version', 'latest'], stderr: "--kubernetes-version 'latest' is not a version" },
  { name: 'unknown option', args: [POLICY, '--request', 'GET /api', '--verbose'], stderr: "Unknown option '--verbose'" },
  { name: 'missing policy file', args: ['no-such.yaml', '--request', 'GET /api'], stderr: 'no-such.yaml: no such file' },
  { name: 'missing event file', args: [POLICY, '--event', 'no-such.json'], stderr: '--event no-such.json: no such file' },
  { name: 'event JSON broken: line and column', args: [POLICY, '--event', `${DIR}/event-broken.json`], stderr: "event-broken.json is not valid JSON at line 3, column 3: expected ',' or '}', found" },
  { name: 'event is {"kind": 0}', args: [POLICY, '--event', `${DIR}/event-kind-0.json`], stderr: 'not an audit Event: kind must be "Event", got number 0' },
  { name: 'event file is a log', args: [POLICY, '--event', `${DIR}/two-events.jsonl`], stderr: "has more text after the first JSON value (at line 2, column 1); --event takes one Event; for a log use 'kube-audit-policy replay'" },
  { name: 'empty event on stdin', args: [POLICY, '--event', '-'], stdin: '', stderr: '--event standard input is empty' },
  { name: 'event JSON: a property name not in quotes', args: [POLICY, '--event', '-'], stdin: '{kind: 1}', stderr: '--event standard input is not valid JSON at line 1, column 2: expected a property name in double quotes, found "k"' },
  { name: 'event JSON: no colon after the first name', args: [POLICY, '--event', '-'], stdin: '{"kind" "Event"}', stderr: "is not valid JSON at line 1, column 9: expected ':' after the property name, found \"\\\"\"" },
  { name: 'event JSON: a later name not in quotes', args: [POLICY, '--event', '-'], stdin: '{"kind": "Event",\n 2}', stderr: 'is not valid JSON at line 2, column 2: expected a property name in double quotes, found "2"' },
  { name: 'event JSON: no colon after a later name', args: [POLICY, '--event', '-'], stdin: '{"kind": "Event", "verb"}', stderr: "is not valid JSON at line 1, column 25: expected ':' after the property name, found \"}\"" },
  { name: 'stdin twice', args: ['-', '--event', '-'], stderr: 'standard input ("-") can be given only once' },
];

for (const c of USAGE_CASES) {
  test(`exit 2: ${c.name}`, () => {
    const r = run(c.args, c.stdin);
    assert.equal(r.status, 2, r.stdout);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.includes(c.stderr), r.stderr);
  });
}

test('--help prints the options and exits 0', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  for (const option of ['--event', '--request', '--user', '--group', '--format', '--kubernetes-version']) assert.ok(r.stdout.includes(option), option);
});

test('a request the release never sees gets a note naming the finding (text on stdout, json on stderr)', () => {
  const policy = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: ["system:unsecured"]\n- level: Metadata\n';
  const args = ['-', '--request', 'GET /api/v1/namespaces/default/pods/x', '--user', 'system:unsecured', '--group', 'system:authenticated'];
  const note = 'this is not a request Kubernetes 1.36 sees: user "system:unsecured" no longer exists, see obsolete-user';
  assert.ok(run(args, policy).stdout.includes(`note: ${note}`));
  assert.ok(run([...args, '--format', 'json'], policy).stderr.includes(`note: ${note}`));
  assert.ok(!run([...args, '--kubernetes-version', '1.19'], policy).stdout.includes('obsolete-user'));
});
