// Replay aggregation: totals, per-rule and per-shape rows, level changes and the honest byte
// estimate, on a hand-built index whose every figure is worked out below; the shortcut that
// evaluates one request per class agrees with evaluating every request; and replays of the corpus
// logs match on the authenticated user (not the impersonated one).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { LATEST_KUBERNETES_VERSION as V } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { LEVELS, STAGES, type Level, type Stage } from '../../server/src/core/model.ts';
import { aggregateReplay } from '../../server/src/core/replay/aggregateReplay.ts';
import { estimateBytes } from '../../server/src/core/replay/estimateBytes.ts';
import { evaluateKeys } from '../../server/src/core/replay/evaluateKeys.ts';
import { ReplayIndex, UNKNOWN_CODE } from '../../server/src/core/replay/replayIndex.ts';
import { readLogs } from '../helpers/readLogs.ts';

const CORPUS = join(__dirname, '..', 'fixtures', 'corpus');
const policyOf = (text: string) => loadPolicy(text, V).policy;

// estimateBytes(recorded, new, kept, bytes, requestBody, responseBody) -> [bytes, unknown]
const M = LEVELS.indexOf('Metadata');
const R = LEVELS.indexOf('Request');
const RR = LEVELS.indexOf('RequestResponse');
const ESTIMATES: readonly (readonly [string, Parameters<typeof estimateBytes>, readonly [number, boolean]])[] = [
  ['dropped events weigh nothing', [RR, RR, false, 1000, 300, 400], [0, false]],
  ['same level: the recorded size', [R, R, true, 1000, 300, 0], [1000, false]],
  ['RequestResponse -> Request loses the response body', [RR, R, true, 1000, 300, 400], [600, false]],
  ['RequestResponse -> Metadata loses both bodies', [RR, M, true, 1000, 300, 400], [300, false]],
  ['Request -> Metadata loses the request body', [R, M, true, 700, 300, 0], [400, false]],
  ['Metadata -> Request cannot invent a body: unknown, recorded size as lower bound', [M, R, true, 500, 0, 0], [500, true]],
  ['Request -> RequestResponse: the response was never recorded', [R, RR, true, 700, 300, 0], [700, true]],
  ['no recorded level: unknown', [UNKNOWN_CODE, M, true, 500, 0, 0], [500, true]],
];
for (const [label, args, [bytes, unknown]] of ESTIMATES) {
  test(`estimateBytes: ${label}`, () => assert.deepEqual(estimateBytes(...args), { bytes, unknown }));
}

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: None
  users: [system:kube-proxy]
- level: RequestResponse
  resources: [{group: "", resources: [secrets]}]
- level: Metadata
  resources: [{group: "", resources: [configmaps], resourceNames: [special]}]
- level: Request
  verbs: [create]
`;

const alice = { username: 'alice', groups: ['system:authenticated'] };
interface Spec {
  readonly event: Record<string, unknown>;
  readonly stage: Stage | null;
  readonly level: Level | null;
  readonly bytes: number;
  readonly req?: number;
  readonly resp?: number;
  readonly times?: number;
}
const SPECS: Record<string, Spec> = {
  A: { event: { verb: 'watch', user: { username: 'system:kube-proxy', groups: ['system:authenticated'] }, objectRef: { resource: 'endpoints' } }, stage: 'ResponseComplete', level: 'Metadata', bytes: 500, times: 3 },
  B: { event: { verb: 'get', user: alice, objectRef: { resource: 'secrets', namespace: 'n', name: 's' } }, stage: 'ResponseComplete', level: 'Metadata', bytes: 600 },
  C: { event: { verb: 'create', user: alice, objectRef: { resource: 'configmaps', namespace: 'n', name: 'special' } }, stage: 'ResponseComplete', level: 'RequestResponse', bytes: 2000, req: 500, resp: 700 },
  D: { event: { verb: 'create', user: alice, objectRef: { resource: 'configmaps', namespace: 'n', name: 'other' } }, stage: 'ResponseComplete', level: 'RequestResponse', bytes: 2000, req: 500, resp: 700 },
  E: { event: { verb: 'create', user: alice, objectRef: { resource: 'configmaps', namespace: 'n', name: 'other' } }, stage: 'RequestReceived', level: 'Request', bytes: 900, req: 500 },
  F: { event: { verb: 'get', user: { username: 'bob', groups: ['system:authenticated'] }, requestURI: '/healthz' }, stage: null, level: 'Metadata', bytes: 300 },
  G: { event: { verb: 'create', user: alice, objectRef: { resource: 'pods', namespace: 'n', name: 'p' } }, stage: 'ResponseComplete', level: null, bytes: 400 },
};

function built(specs: readonly Spec[]): ReplayIndex {
  const index = new ReplayIndex();
  for (const s of specs) {
    const key = index.intern(s.event);
    assert.ok(key >= 0, index.lastRejection);
    for (let i = 0; i < (s.times ?? 1); i++) {
      index.addEvent(key, s.stage === null ? UNKNOWN_CODE : STAGES.indexOf(s.stage), s.level === null ? UNKNOWN_CODE : LEVELS.indexOf(s.level), s.bytes, s.req ?? 0, s.resp ?? 0);
    }
  }
  return index;
}

test('aggregate: totals, rules, shapes and level changes of a worked example', () => {
  const agg = aggregateReplay(built(Object.values(SPECS)), policyOf(POLICY), V);
  const { files: _files, ...totals } = agg.totals;
  assert.deepEqual(totals, {
    events: 9,
    kept: 4, // B, C, D, G
    dropped: 5,
    droppedByLevel: 4, // A x3 (rule 0, None), F (no rule)
    droppedByStage: 1, // E (RequestReceived is omitted)
    bytesBefore: 1500 + 600 + 2000 + 2000 + 900 + 300 + 400,
    bytesAfter: 600 + (2000 - 500 - 700) + (2000 - 700) + 400,
    growthUnknownEvents: 2, // B raised to RequestResponse, G without a recorded level
    levelUp: 1,
    levelDown: 7,
    levelSame: 0,
    levelUnknown: 1,
    errors: 0,
    incomplete: { events: 0, missing: {}, rules: [] },
    byLevel: { None: 4, Metadata: 1, Request: 3, RequestResponse: 1 },
    recordedByLevel: { None: 0, Metadata: 5, Request: 1, RequestResponse: 2, unknown: 1 },
    recordedByStage: { RequestReceived: 1, ResponseStarted: 0, ResponseComplete: 7, Panic: 0, unknown: 1 },
    requestReceivedNotRecorded: 0,
  });
  const rules = [...agg.rules, agg.unmatched].map((r) => [r.rule, r.level, r.events, r.kept, r.bytesBefore, r.bytesAfter, r.levelUp, r.levelDown]);
  assert.deepEqual(rules, [
    [0, 'None', 3, 0, 1500, 0, 0, 3],
    [1, 'RequestResponse', 1, 1, 600, 600, 1, 0],
    [2, 'Metadata', 1, 1, 2000, 800, 0, 1],
    [3, 'Request', 3, 2, 3300, 1700, 0, 2],
    [null, 'None', 1, 0, 300, 0, 0, 1],
  ]);
  assert.deepEqual(
    agg.rules.map((r) => r.share),
    [3 / 9, 1 / 9, 1 / 9, 3 / 9],
  );
  // resourceNames split one shape (alice create configmaps in n) between rules 2 and 3.
  const configmaps = agg.shapes.filter((s) => s.resource === 'configmaps').map((s) => [s.user, s.verb, s.namespace, s.rule, s.level, s.events]);
  assert.deepEqual(configmaps, [
    ['alice', 'create', 'n', 3, 'Request', 2],
    ['alice', 'create', 'n', 2, 'Metadata', 1],
  ]);
  const healthz = agg.shapes.find((s) => !s.isResourceRequest);
  assert.deepEqual(healthz && [healthz.path, healthz.rule, healthz.level, healthz.user], ['/healthz', null, 'None', 'bob']);
  assert.equal(agg.shapes.reduce((n, s) => n + s.events, 0), 9);
  assert.deepEqual(agg.shapes.map((s) => s.events), [...agg.shapes.map((s) => s.events)].sort((a, b) => b - a));
});

test('aggregate: an edit changes only what it should, and the result is plain data', () => {
  const index = built(Object.values(SPECS));
  const before = aggregateReplay(index, policyOf(POLICY), V);
  const after = aggregateReplay(index, policyOf(POLICY.replace('omitStages: [RequestReceived]', 'omitStages: []')), V);
  assert.equal(after.totals.droppedByStage, 0);
  assert.equal(after.totals.kept, before.totals.kept + 1);
  assert.deepEqual(JSON.parse(JSON.stringify(after)), after);
});

test('aggregate: a log without RequestReceived events, a policy that logs that stage', () => {
  const index = built([SPECS['D']!]);
  const agg = aggregateReplay(index, policyOf(POLICY.replace('omitStages: [RequestReceived]', 'omitStages: []')), V);
  assert.equal(agg.totals.requestReceivedNotRecorded, 1);
  assert.equal(aggregateReplay(index, policyOf(POLICY), V).totals.requestReceivedNotRecorded, 0);
});

test('aggregate: rules never hit are rows with zero events; an empty index gives zeros', () => {
  const agg = aggregateReplay(new ReplayIndex(), policyOf(POLICY), V);
  assert.deepEqual(agg.rules.map((r) => [r.rule, r.events, r.share]), [[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0]]);
  assert.deepEqual([agg.totals.events, agg.shapes.length], [0, 0]);
});

test('evaluating one request per class gives the same rule as evaluating every request (all corpus logs x policies)', async () => {
  const logs = readdirSync(join(CORPUS, 'logs')).map((f) => join(CORPUS, 'logs', f));
  const { index } = await readLogs(logs);
  const policies = readdirSync(join(CORPUS, 'policies')).map((f) => readFileSync(join(CORPUS, 'policies', f), 'utf8'));
  // A policy with resourceNames takes the per-request path; make sure both paths are covered.
  policies.push(`apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Request\n  resources: [{group: rbac.authorization.k8s.io, resources: [roles], resourceNames: [r1]}]\n- level: Metadata\n`);
  for (const text of policies) {
    const policy = policyOf(text);
    const rules = evaluateKeys(index, policy, V);
    index.keys.forEach((a, k) => assert.equal(rules[k], firstMatch(policy, a, V) ?? -1));
  }
});

const DEMO_LOG = join(CORPUS, 'logs', 'audit2rbac-demo.jsonl');
const usersPolicy = (user: string): string => `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  users: ["${user}"]\n`;

test('impersonation: the policy sees the authenticated user (system:admin), not the impersonated one', async () => {
  const { index } = await readLogs([DEMO_LOG]);
  assert.equal(index.events, 37);
  // Every event is system:admin impersonating bob, alice or a service account.
  assert.equal(aggregateReplay(index, policyOf(usersPolicy('system:admin')), V).rules[0]!.events, 37);
  for (const impersonated of ['bob', 'alice', 'system:serviceaccount:ns1:sa1']) {
    assert.equal(aggregateReplay(index, policyOf(usersPolicy(impersonated)), V).rules[0]!.events, 0, impersonated);
  }
});

test('corpus replay: the demo log against its own policy keeps every event at Metadata', async () => {
  const { index } = await readLogs([DEMO_LOG, join(CORPUS, 'logs', 'audit2rbac-demo-raw-v1beta1.jsonl')]);
  const agg = aggregateReplay(index, policyOf(readFileSync(join(CORPUS, 'policies', 'audit2rbac-demo.yaml'), 'utf8')), V);
  // 37 + 757 events; the raw capture's 320 RequestReceived events are omitted by the rule.
  assert.deepEqual([agg.totals.events, agg.totals.kept, agg.totals.droppedByStage, agg.totals.levelUp], [794, 474, 320, 0]);
  assert.equal(agg.rules[0]!.events, 794);
});


test('interning: no choice of names makes two different requests share a key, a class or a group list', () => {
  const index = new ReplayIndex();
  const event = (user: { username: string; groups: string[] }, resource = 'pods'): unknown => ({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    verb: 'get',
    requestURI: `/api/v1/namespaces/a/${resource}/x`,
    user,
    objectRef: { resource, namespace: 'a', name: 'x', apiVersion: 'v1' },
  });
  // Separators a naive join would use, inside names.
  const users = [
    { username: 'u', groups: ['a\nb'] },
    { username: 'u', groups: ['a', 'b'] },
    { username: 'u', groups: ['1:a'] },
    { username: 'u1:a', groups: [] },
    { username: 'u', groups: ['a|b'] },
  ];
  const ids = users.map((u) => index.intern(event(u)));
  assert.equal(new Set(ids).size, users.length);
  ids.forEach((id, i) => assert.deepEqual(index.keys[id]!.user, { name: users[i]!.username, groups: users[i]!.groups }));
  assert.equal(new Set(ids.map((id) => index.keyClass[id])).size, users.length);
  // The same request again is the same key; another name of the same class shares its class.
  assert.equal(index.intern(event(users[1]!)), ids[1]);
  const other = index.intern({ ...(event(users[1]!) as object), objectRef: { resource: 'pods', namespace: 'a', name: 'y', apiVersion: 'v1' } });
  assert.notEqual(other, ids[1]);
  assert.equal(index.keyClass[other], index.keyClass[ids[1]!]);
  assert.deepEqual(index.keys[other]!.user, index.keys[ids[1]!]!.user);
  assert.equal(index.keys[other]!.name, 'y');
});
