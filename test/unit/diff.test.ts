// The diff's parts on hand-made policies: comparing effects and classifying changes, the
// plain-English request lines, the security flags (and that a flagged change's witness is one of
// the flagged requests), policies beyond the budget, and the traffic measured on a replay index
// (every count worked out by hand).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestAttributes } from '../../server/src/core/attributes.ts';
import { diffPolicies, type PolicySide } from '../../server/src/core/diff/diffPolicies.ts';
import { diffTraffic } from '../../server/src/core/diff/diffTraffic.ts';
import { classify, sameEffect } from '../../server/src/core/diff/outcome.ts';
import type { Effect } from '../../server/src/core/evaluate/evaluate.ts';
import type { Level, Policy, Stage } from '../../server/src/core/model.ts';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import { makePolicy, type RuleSpec } from './analysisFixtures.ts';
import { assertWitnesses } from './diffFixtures.ts';

const V = { major: 1, minor: 36 } as const;
const side = (policy: Policy): PolicySide => ({ policy, kubernetesVersion: V });
const e = (level: Level, omitStages: Stage[] = [], omitManagedFields = false): Effect => ({ level, omitStages, omitManagedFields });
const diff = (a: readonly RuleSpec[], b: readonly RuleSpec[]) => {
  const [before, after] = [side(makePolicy(a)), side(makePolicy(b))];
  const d = diffPolicies(before, after, { budget: 1e8 });
  assertWitnesses(d, before, after);
  return d;
};
const SECRETS = { group: '', resources: ['secrets'] };

describe('effects', () => {
  test('None equals None whatever the stages; managedFields matter only with bodies', () => {
    assert.ok(sameEffect(e('None', ['RequestReceived']), e('None', [], true)));
    assert.ok(sameEffect(e('Metadata', [], false), e('Metadata', [], true)));
    assert.ok(!sameEffect(e('Request', [], false), e('Request', [], true)));
    assert.ok(!sameEffect(e('Metadata', ['Panic']), e('Metadata', [])));
    assert.ok(!sameEffect(e('Metadata'), e('Request')));
  });

  test('classification and its reasons', () => {
    assert.deepEqual(classify(e('None'), e('Metadata')), { kind: 'newly-logged', more: ['level None → Metadata'], less: [] });
    assert.deepEqual(classify(e('Request'), e('None')), { kind: 'newly-dropped', more: [], less: ['level Request → None'] });
    assert.deepEqual(classify(e('Metadata', ['RequestReceived']), e('Metadata')), { kind: 'more-logged', more: ['stage RequestReceived no longer omitted'], less: [] });
    assert.deepEqual(classify(e('Request'), e('Request', [], true)), { kind: 'less-logged', more: [], less: ['managedFields newly omitted from bodies'] });
    assert.deepEqual(classify(e('Metadata'), e('RequestResponse', ['RequestReceived'])), {
      kind: 'mixed',
      more: ['level Metadata → RequestResponse'],
      less: ['stage RequestReceived newly omitted'],
    });
    // From Metadata there were no bodies: omitting their managed fields takes nothing away.
    assert.deepEqual(classify(e('Metadata'), e('Request', [], true)).kind, 'more-logged');
  });
});

describe('changes', () => {
  test('a narrowed None rule: the pair, its words and its witness', () => {
    const d = diff(
      [{ level: 'None', verbs: ['get', 'list', 'watch'], resources: [SECRETS] }, { level: 'Metadata' }],
      [{ level: 'None', verbs: ['get'], resources: [SECRETS] }, { level: 'Metadata' }],
    );
    assert.equal(d.equivalent, false);
    assert.deepEqual(
      d.changes.map((c) => [c.before.rule, c.after.rule, c.classification.kind, c.requests]),
      [[0, 1, 'newly-logged', ['list/watch on core secrets, anyone']]],
    );
    assert.match(d.changes[0]!.witness.description, /^GET \/api\/v1\/namespaces\/default\/secrets/);
  });

  test('users, groups, namespaces, names and paths in the request lines', () => {
    const d = diff(
      [{ level: 'Metadata' }],
      [
        { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'], resources: [{ group: '', resources: ['endpoints'] }] },
        { level: 'None', userGroups: ['system:nodes'], namespaces: ['kube-system'], resources: [{ group: 'coordination.k8s.io', resources: ['leases'], resourceNames: ['lock'] }] },
        { level: 'None', nonResourceURLs: ['/healthz*'] },
        { level: 'Metadata' },
      ],
    );
    assert.deepEqual(
      d.changes.map((c) => c.requests),
      [
        ['watch on core endpoints, user system:kube-proxy'],
        ['any verb on coordination.k8s.io leases, namespace kube-system, name lock, anonymous in group system:nodes or any user in group system:nodes'],
        ['any verb on non-resource paths like /healthz, anyone'],
      ],
    );
  });

  test('the order of rules decides: swapping two overlapping rules changes only their overlap', () => {
    const pods = { level: 'Request' as const, resources: [{ group: '', resources: ['pods'] }] };
    const alice = { level: 'None' as const, users: ['alice'] };
    const d = diff([pods, alice, { level: 'Metadata' }], [alice, pods, { level: 'Metadata' }]);
    assert.deepEqual(
      d.changes.map((c) => [c.before.rule, c.after.rule, c.requests]),
      [[0, 0, ['any verb on core pods, user alice']]],
    );
  });

  test('security: secret bodies newly logged, exec and RBAC writes dropped, token minting lowered', () => {
    const d = diff(
      [{ level: 'Metadata' }],
      [
        { level: 'Request', resources: [{ group: '', resources: ['secrets', 'pods'] }] },
        { level: 'None', resources: [{ group: '', resources: ['pods/exec', 'pods/log'] }] },
        { level: 'None', verbs: ['create', 'get'], resources: [{ group: 'rbac.authorization.k8s.io', resources: ['clusterrolebindings'] }] },
        { level: 'None', resources: [{ group: '', resources: ['serviceaccounts/token'] }] },
        { level: 'Metadata' },
      ],
    );
    const flags = d.changes.map((c) => [c.after.rule, c.security.map((s) => s.kind), c.witness.attributes.resource + (c.witness.attributes.subresource ? `/${c.witness.attributes.subresource}` : ''), c.witness.attributes.verb]);
    assert.deepEqual(flags, [
      [0, ['sensitive-bodies'], 'secrets', 'get'],
      [1, ['exec'], 'pods/exec', 'get'],
      [2, ['rbac-write'], 'clusterrolebindings', 'create'],
      [3, ['impersonation'], 'serviceaccounts/token', 'create'],
    ]);
  });

  test('no flag when the sensitive requests are not in the change, or the change goes the other way', () => {
    const d = diff([{ level: 'Metadata' }], [{ level: 'Request', resources: [{ group: '', resources: ['pods'] }] }, { level: 'None', resources: [SECRETS] }, { level: 'Metadata' }]);
    assert.deepEqual(
      d.changes.map((c) => c.security),
      [[], []],
    );
  });

  test('a comparison beyond the budget is incomplete, never "equivalent"', () => {
    const groups = Array.from({ length: 30 }, (_, i) => `g${i}`);
    const rules: RuleSpec[] = Array.from({ length: 20 }, (_, i) => ({ level: 'Metadata', userGroups: groups.slice(i % 10, (i % 10) + 15), verbs: [`v${i}`] }));
    const d = diffPolicies(side(makePolicy(rules)), side(makePolicy([...rules].reverse())), { budget: 1000 });
    assert.deepEqual([d.complete, d.equivalent, d.changes.length], [false, false, 0]);
  });
});

describe('traffic', () => {
  const user = { name: 'alice', groups: ['system:authenticated'] };
  const request = (resource: string): RequestAttributes => ({ user, verb: 'get', isResourceRequest: true, namespace: 'default', apiGroup: '', apiVersion: 'v1', resource, subresource: '', name: 'x', path: `/api/v1/namespaces/default/${resource}/x` });
  // Stage codes: 0 RequestReceived, 2 ResponseComplete; level codes: 1 Metadata, 2 Request.
  const index = new ReplayIndex();
  const secrets = index.internAttributes(request('secrets'));
  const pods = index.internAttributes(request('pods'));
  index.addEvent(secrets, 2, 2, 1000, 300, 0, 4); // 4 events at Request, 1000 bytes of which 300 request body
  index.addEvent(secrets, 0, 2, 200, 0, 0, 2); // 2 RequestReceived events
  index.addEvent(pods, 2, 1, 500, 0, 0, 10);

  test('events, changed events and bytes per pair, with growth that cannot be known', () => {
    const before = side(makePolicy([{ level: 'Request', resources: [SECRETS] }, { level: 'Metadata' }]));
    const after = side(makePolicy([{ level: 'Metadata', resources: [SECRETS], omitStages: ['RequestReceived'] }, { level: 'Request' }]));
    const t = diffTraffic(index, before, after);
    assert.equal(t.allEvents, 16);
    assert.deepEqual(t.stagesNotRecorded, ['ResponseStarted', 'Panic']);
    const [podsPair, secretsPair] = [t.pairs.find((p) => p.beforeRule === 1)!, t.pairs.find((p) => p.beforeRule === 0)!];
    // secrets: ResponseComplete loses its 300-byte body; RequestReceived events are dropped.
    assert.deepEqual(
      { ...secretsPair, shapes: secretsPair.shapes.length },
      { beforeRule: 0, afterRule: 0, events: 6, changedEvents: 6, before: { kept: 6, bytes: 1200, growthUnknown: 0 }, after: { kept: 4, bytes: 700, growthUnknown: 0 }, shapes: 1 },
    );
    // pods: Metadata → Request adds request bodies the log never had: counted as recorded, marked unknown.
    assert.deepEqual(
      { events: podsPair.events, changed: podsPair.changedEvents, before: podsPair.before, after: podsPair.after, target: podsPair.shapes[0]!.target },
      { events: 10, changed: 10, before: { kept: 10, bytes: 500, growthUnknown: 0 }, after: { kept: 10, bytes: 500, growthUnknown: 10 }, target: 'pods' },
    );
    assert.equal(t.totals.events, 16);
  });

  test('requests whose outcome does not change are not counted', () => {
    const p = side(makePolicy([{ level: 'Metadata' }]));
    const q = side(makePolicy([{ level: 'Metadata', omitStages: ['Panic'] }]));
    const t = diffTraffic(index, p, q);
    // The pair differs (Panic omitted), but no recorded event is at stage Panic.
    assert.deepEqual([t.totals.events, t.totals.changedEvents], [16, 0]);
  });
});
