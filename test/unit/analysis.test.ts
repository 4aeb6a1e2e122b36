// Hand cases for every matching form of kube-apiserver's policy checker (pkg/audit/policy/checker.go)
// and every corner of the request model: each case gives the rules and the expected verdict of each
// rule. check() also proves every witness with the evaluator, independently of the analysis.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePolicy, type RuleStatus } from '../../server/src/core/analysis/analyzePolicy.ts';
import { firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { resourceMatches, ruleMatches } from '../../server/src/core/evaluate/ruleMatches.ts';
import { type KubernetesVersion, LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { resourcePatternBoxes } from '../../server/src/core/analysis/resourcePatternBoxes.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { makePolicy, type RuleSpec } from './analysisFixtures.ts';

/** Expected verdict per rule: a status, or [status, shadowedBy] for shadowed rules, plus flags. */
type Expected = RuleStatus | readonly ['shadowed' | 'redundant', readonly number[]];

function check(rules: readonly RuleSpec[], expected: readonly Expected[], v: KubernetesVersion = LATEST_KUBERNETES_VERSION): void {
  const policy = makePolicy(rules);
  const analysis = analyzePolicy(policy, { kubernetesVersion: v });
  assert.ok(analysis.complete);
  const got = analysis.rules.map((r): Expected => (r.status === 'shadowed' ? [r.redundant ? 'redundant' : 'shadowed', [...r.shadowedBy]] : r.status));
  assert.deepEqual(got, expected);
  for (const r of analysis.rules) {
    if (r.status !== 'reachable') continue;
    const read = eventToAttributes(JSON.parse(JSON.stringify(r.witness?.event)));
    assert.ok(read.ok, `witness of rule ${r.rule} is an Event`);
    assert.equal(firstMatch(policy, read.attributes, v), r.rule, `witness of rule ${r.rule}: ${r.witness?.description}`);
    for (const o of r.overlaps) {
      assert.equal(firstMatch(policy, o.example.attributes, v), o.rule);
      assert.ok(ruleMatches(policy.rules[r.rule]!, o.example.attributes, v));
    }
  }
}

const secrets = { group: '', resources: ['secrets'] };

describe('users and userGroups', () => {
  test('a users rule shadows a narrower one for the same user', () =>
    check([{ users: ['alice'] }, { users: ['alice'], verbs: ['get'], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('users lists are unions: two rules together cover a third', () =>
    check([{ users: ['alice'] }, { users: ['bob'], level: 'None' }, { users: ['alice', 'bob'], level: 'Request' }], ['reachable', 'reachable', ['shadowed', [0, 1]]]));
  test('same effect: redundant, not shadowed', () => check([{ users: ['alice'] }, { users: ['alice'], verbs: ['get'] }], ['reachable', ['redundant', [0]]]));
  test('userGroups is any-of: one group of several is enough', () =>
    check([{ userGroups: ['g1'] }, { userGroups: ['g1', 'g2'], level: 'None' }], ['reachable', 'reachable']));
  test('every authenticated user is in system:authenticated', () =>
    check([{ userGroups: ['system:authenticated'] }, { users: ['alice'], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('the anonymous user is in system:unauthenticated, not system:authenticated', () =>
    check(
      [{ userGroups: ['system:authenticated'] }, { users: ['system:anonymous'], level: 'None' }, { userGroups: ['system:unauthenticated'], level: 'Request' }, { users: ['system:anonymous'], level: 'None' }],
      // Other users all carry system:authenticated, so rule 2 only could get the anonymous user, whom rule 1 takes.
      ['reachable', 'reachable', ['shadowed', [0, 1]], ['shadowed', [0, 1]]],
    ));
  test('authenticated and unauthenticated together still miss requests with no user', () =>
    check([{ userGroups: ['system:authenticated', 'system:unauthenticated'] }, { level: 'None' }], ['reachable', 'reachable']));
  test('a request with no user matches only rules without users and userGroups', () =>
    check([{ userGroups: ['system:authenticated', 'system:unauthenticated'] }, { level: 'None', verbs: ['get'] }, { level: 'None' }], ['reachable', 'reachable', 'reachable']));
  test('any user name, including the empty one, with system:authenticated', () =>
    check([{ userGroups: ['system:authenticated'] }, { users: [''], level: 'None' }], ['reachable', ['shadowed', [0]]]));
});

describe('verbs and request kinds', () => {
  test('verb lists are unions', () =>
    check([{ verbs: ['get'] }, { verbs: ['list'], level: 'None' }, { verbs: ['get', 'list'], level: 'Request' }], ['reachable', 'reachable', ['shadowed', [0, 1]]]));
  test('a resources rule never takes non-resource requests, and the reverse', () =>
    check([{ resources: [{ group: '', resources: ['*'] }] }, { nonResourceURLs: ['*'], level: 'None' }, { level: 'Request' }], ['reachable', 'reachable', 'reachable']));
  test('group "*" plus nonResourceURLs "*" together catch every request', () =>
    check([{ resources: [{ group: '*' }] }, { nonResourceURLs: ['*'], level: 'None' }, { level: 'Request' }], ['reachable', 'reachable', ['shadowed', [0, 1]]]));
  test('namespaces alone make a resource rule', () =>
    check([{ namespaces: ['kube-system'] }, { nonResourceURLs: ['/healthz'], level: 'None' }], ['reachable', 'reachable']));
  test('a rule with resources and nonResourceURLs is a resource rule (nonResourceURLs are ignored)', () =>
    check([{ resources: [{ group: '' }], nonResourceURLs: ['/healthz'] }, { nonResourceURLs: ['/healthz'], level: 'None' }], ['reachable', 'reachable']));
  test('a rule without selectors matches everything; rules after it are shadowed', () =>
    check([{ level: 'None' }, { verbs: ['get'] }, { level: 'None', nonResourceURLs: ['/x'] }], ['reachable', ['shadowed', [0]], ['redundant', [0]]]));
});

describe('namespaces', () => {
  test('"" is the cluster scope, a value like any other', () =>
    check([{ namespaces: [''] }, { namespaces: ['default'], level: 'None' }, { resources: [{ group: '*' }], namespaces: ['', 'default'] }], ['reachable', 'reachable', ['shadowed', [0, 1]]]));
  test('a namespace never contains "/"', () => check([{ namespaces: ['a/b'] }], ['unsatisfiable']));
});

describe('resources', () => {
  test('"res" does not match its subresources; "res/*" matches both', () =>
    check([{ resources: [{ resources: ['pods'] }] }, { resources: [{ resources: ['pods/*'] }], level: 'None' }, { resources: [{ resources: ['pods/log'] }], level: 'Request' }], ['reachable', 'reachable', ['shadowed', [1]]]));
  test('"res/*" is covered by "res" plus "*/sub"... only when every subresource is listed: not here', () =>
    check([{ resources: [{ resources: ['pods'] }] }, { resources: [{ resources: ['*/log'] }], level: 'None' }, { resources: [{ resources: ['pods/*'] }], level: 'Request' }], ['reachable', 'reachable', 'reachable']));
  test('"*/sub" matches that subresource of every resource', () =>
    check([{ resources: [{ resources: ['*/status'] }] }, { resources: [{ resources: ['pods/status', 'nodes/status'] }], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('"*" matches every resource and subresource of the group', () =>
    check([{ resources: [{ group: 'apps', resources: ['*'] }] }, { resources: [{ group: 'apps', resources: ['deployments/scale'] }], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('an entry without resources matches the whole group', () =>
    check([{ resources: [{ group: 'apps' }] }, { resources: [{ group: 'apps', resources: ['deployments'], resourceNames: ['x'] }], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('groups are compared exactly: "apps" does not cover the core group', () =>
    check([{ resources: [{ group: 'apps', resources: ['*'] }] }, { resources: [secrets], level: 'None' }], ['reachable', 'reachable']));
  test('resourceNames narrow the entry; "" is the name of requests without one', () =>
    check(
      [{ resources: [{ ...secrets, resourceNames: ['a'] }] }, { resources: [{ ...secrets, resourceNames: [''] }], level: 'None' }, { resources: [{ ...secrets, resourceNames: ['a', ''] }], level: 'Request' }, { resources: [secrets], level: 'Request' }],
      ['reachable', 'reachable', ['shadowed', [0, 1]], 'reachable'],
    ));
  test('resources that can never exist: "a/b/c", "/*", "pods/", "*/"', () =>
    check([{ resources: [{ resources: ['a/b/c', '/*', 'pods/', '*/'] }] }, { resources: [{ resources: ['pods'], resourceNames: ['x/y'] }] }], ['unsatisfiable', 'unsatisfiable']));
  test('"*/*" matches resource "*" or subresource "*" literally, not everything', () =>
    check([{ resources: [{ resources: ['*/*'] }] }, { resources: [{ resources: ['pods/log'] }], level: 'None' }, { resources: [{ resources: ['*/*'] }], level: 'None' }], ['reachable', 'reachable', ['shadowed', [0]]]));
  test('group "*" matches every group from Kubernetes 1.36', () =>
    check([{ resources: [{ group: '*', resources: ['secrets'] }] }, { resources: [secrets], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('before 1.36 group "*" is only the literal group "*"', () =>
    check([{ resources: [{ group: '*', resources: ['secrets'] }] }, { resources: [secrets], level: 'None' }], ['reachable', 'reachable'], { major: 1, minor: 35 }));
});

test('resource patterns as boxes agree with the evaluator on every resource/subresource pair', () => {
  const patterns = ['*', 'pods', 'pods/log', 'pods/*', '*/log', '*/*', 'a/b/c', '/*', '*/', 'pods/', '/', '', '**', 'p*', '*/l*'];
  const values = ['pods', 'log', '*', 'x', 'p*', 'l*'];
  for (const pattern of patterns) {
    const boxes = resourcePatternBoxes(pattern);
    for (const resource of values) {
      for (const subresource of ['', ...values]) {
        const inBox = boxes.some((b) => (b.resource === null || b.resource === resource) && (b.subresource === null || b.subresource === subresource));
        assert.equal(inBox, resourceMatches(pattern, resource, subresource), `${pattern} vs ${resource}/${subresource}`);
      }
    }
  }
});

describe('nonResourceURLs', () => {
  test('a prefix covers the exact path and longer prefixes', () =>
    check([{ nonResourceURLs: ['/healthz*'] }, { nonResourceURLs: ['/healthz', '/healthz/etcd', '/healthz/*'], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('an exact path does not cover a prefix', () => check([{ nonResourceURLs: ['/healthz'] }, { nonResourceURLs: ['/healthz*'], level: 'None' }], ['reachable', 'reachable']));
  test('"*" covers every path', () => check([{ nonResourceURLs: ['*'] }, { nonResourceURLs: ['/metrics', '/a*'], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('every path starts with "/": prefix "/*" is every path', () =>
    check([{ nonResourceURLs: ['/*'] }, { nonResourceURLs: ['*'], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('trailing "*"s are all trimmed: "**" is the empty prefix, every path', () =>
    check([{ nonResourceURLs: ['**'] }, { nonResourceURLs: ['/x'], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('paths without "/", or with "?", never match', () => check([{ nonResourceURLs: ['healthz', 'healthz*', '/a?b', '/a?*', ''] }], ['unsatisfiable']));
  test('"*" inside a path is literal; it is a prefix only at the end', () =>
    check([{ nonResourceURLs: ['/a*b'] }, { nonResourceURLs: ['/a*'], level: 'None' }, { nonResourceURLs: ['/a*b'], level: 'None' }], ['reachable', 'reachable', ['shadowed', [0]]]));
  test('two prefixes together cover a shorter one only if they exhaust it: not here', () =>
    check([{ nonResourceURLs: ['/a/*'] }, { nonResourceURLs: ['/a'], level: 'None' }, { nonResourceURLs: ['/a*'], level: 'Request' }], ['reachable', 'reachable', 'reachable']));
});

describe('strings a URL must escape', () => {
  test('paths with "%", spaces and "#" survive the round trip through requestURI', () =>
    check([{ nonResourceURLs: ['/a%41', '/b c', '/d#e', '/%zz'] }, { nonResourceURLs: ['/a%41'], level: 'None' }], ['reachable', ['shadowed', [0]]]));
  test('names and namespaces with "?", "%" and non-ASCII characters', () =>
    check(
      [{ namespaces: ['ns?x', 'ünï'], resources: [{ resources: ['pods'], resourceNames: ['a?b', '50%', 'naïve'] }] }, { level: 'None' }],
      ['reachable', 'reachable'],
    ));
});

describe('levels and effects', () => {
  test('a rule without a valid level never matches and shadows nothing', () =>
    check([{ level: null }, { verbs: ['get'] }], ['unsatisfiable', 'reachable']));
  test('same level but other omitStages is a different effect', () =>
    check([{ users: ['alice'] }, { users: ['alice'], verbs: ['get'], omitStages: ['RequestReceived'] }], ['reachable', ['shadowed', [0]]]));
  test('the witness is logged at a stage its rule does not omit', () => {
    const policy = makePolicy([{ verbs: ['get'], omitStages: ['ResponseComplete', 'ResponseStarted'] }], { omitStages: ['RequestReceived'] });
    const a = analyzePolicy(policy, { kubernetesVersion: LATEST_KUBERNETES_VERSION });
    assert.equal(a.rules[0]?.witness?.event.stage, 'Panic');
  });
  test('same level but other omitManagedFields is a different effect', () =>
    check([{ users: ['alice'] }, { users: ['alice'], omitManagedFields: true }], ['reachable', ['shadowed', [0]]]));
});

describe('overlaps', () => {
  test('cage-research: a narrower secrets rule before a broader one is a generalization', () => {
    const policy = makePolicy([
      { level: 'Request', resources: [secrets], verbs: ['get', 'list'] },
      { level: 'RequestResponse', resources: [{ group: '', resources: ['pods', 'secrets'] }] },
      { level: 'Metadata', users: ['alice'], verbs: ['get'] },
    ]);
    const a = analyzePolicy(policy, { kubernetesVersion: LATEST_KUBERNETES_VERSION });
    assert.deepEqual(a.rules[1]?.overlaps.map((o) => [o.rule, o.kind]), [[0, 'generalization']]);
    assert.deepEqual(a.rules[2]?.overlaps.map((o) => [o.rule, o.kind]), [[0, 'partial'], [1, 'partial']]);
    assert.equal(a.rules[2]?.overlaps[0]?.example.attributes.verb, 'get');
  });
  test('a catch-all that is not last is flagged on the rule', () => {
    const a = analyzePolicy(makePolicy([{ level: 'None', users: ['x'] }, { level: 'Metadata' }, { level: 'None', verbs: ['get'] }]), { kubernetesVersion: LATEST_KUBERNETES_VERSION });
    assert.deepEqual(a.rules.map((r) => r.catchAll), [false, true, false]);
  });
});

describe('budget', () => {
  test('adversarial policies end, with every rule decided or unknown', () => {
    const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
    const levels = (i: number): RuleSpec['level'] => (i % 2 ? 'None' : 'Metadata');
    for (const rules of [
      many(300, (i): RuleSpec => ({ userGroups: many(60, (k) => `g${(i * 7 + k) % 400}`), level: levels(i) })),
      many(300, (i): RuleSpec => ({ nonResourceURLs: many(40, (k) => `/p${(i + k) % 90}/${'x'.repeat(k % 7)}*`), level: levels(i) })),
    ]) {
      const a = analyzePolicy(makePolicy(rules), { kubernetesVersion: LATEST_KUBERNETES_VERSION });
      const firstUnknown = a.rules.findIndex((r) => r.status === 'unknown');
      assert.equal(a.complete, firstUnknown < 0);
      if (firstUnknown >= 0) assert.ok(a.rules.slice(firstUnknown).every((r) => r.status === 'unknown'));
    }
  });
  test('a budget too small leaves the rest unknown instead of guessing', () => {
    const rules: RuleSpec[] = Array.from({ length: 30 }, (_, i) => ({ users: [`u${i}`], verbs: [`v${i % 3}`], level: i % 2 ? 'None' : 'Metadata' }));
    const policy = makePolicy(rules);
    const full = analyzePolicy(policy, { kubernetesVersion: LATEST_KUBERNETES_VERSION });
    assert.equal(full.complete, true);
    const a = analyzePolicy(policy, { kubernetesVersion: LATEST_KUBERNETES_VERSION, budget: Math.floor(full.work / 2) });
    assert.equal(a.complete, false);
    // What was decided before the budget ran out is exactly what the full analysis says.
    assert.deepEqual(a.rules.filter((r) => r.status !== 'unknown'), full.rules.slice(0, a.rules.findIndex((r) => r.status === 'unknown')));
    const firstUnknown = a.rules.findIndex((r) => r.status === 'unknown');
    assert.ok(firstUnknown > 0 && firstUnknown < 30);
    assert.ok(a.rules.slice(firstUnknown).every((r) => r.status === 'unknown'));
  });
});
