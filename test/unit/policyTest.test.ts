// The policy test core without I/O: the loader's cases and spans (what an editor will put
// diagnostics and code lenses on), its problems for hostile or broken YAML, the comparison of
// expectations (omitStages as a set, rule null), and the scaffold read back by the loader.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { loadPolicyTest } from '../../server/src/core/policyTest/loadPolicyTest.ts';
import { mismatchesOf, runCase } from '../../server/src/core/policyTest/runPolicyTest.ts';
import { scaffoldPolicyTest } from '../../server/src/core/policyTest/scaffoldPolicyTest.ts';

const V = { major: 1, minor: 36 } as const;
const HEAD = 'apiVersion: kube-audit-policy/v1alpha1\nkind: PolicyTest\npolicy: p.yaml\n';
const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('loadPolicyTest', () => {
  test('cases with their spans', () => {
    const text = `${HEAD}kubernetesVersion: "1.30"\ncases:\n- name: proxy watches\n  request: GET /api/v1/endpoints?watch=true\n  user: system:kube-proxy\n  expect: {level: None, rule: 0, omitStages: [RequestReceived]}\n`;
    const t = loadPolicyTest(text);
    assert.deepEqual(t.problems, []);
    assert.equal(t.isPolicyTest, true);
    assert.deepEqual(t.kubernetesVersion?.value, { major: 1, minor: 30 });
    assert.equal(at(text, t.policy!.span), 'p.yaml');
    const c = t.cases[0]!;
    assert.deepEqual(c.input, { kind: 'request', line: 'GET /api/v1/endpoints?watch=true', user: 'system:kube-proxy', groups: [] });
    assert.equal(at(text, c.nameSpan), 'proxy watches');
    assert.equal(at(text, c.inputSpan), 'GET /api/v1/endpoints?watch=true');
    assert.equal(at(text, c.expectFieldSpans.rule!), '0');
    assert.match(at(text, c.span), /^name: proxy watches[\s\S]*RequestReceived\]\}/);
  });

  test('hostile and broken files give problems, never exceptions', () => {
    const cases: [string, RegExp][] = [
      ['[1, 2', /YAML syntax error/],
      ['- a\n- b\n', /a PolicyTest is a mapping/],
      [`${HEAD}policy: again\ncases: []\n`, /YAML syntax error: Map keys must be unique/],
      [`${HEAD}kubernetesVersion: "1.99"\ncases: []\n`, /kubernetesVersion 1\.99 is not supported/],
      [`${HEAD}cases:\n- name: x\n  event: {verb: get}\n  user: bob\n  expect: {level: None}\n`, /has user without request/],
      [`a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, /cannot be read: .*alias/i],
    ];
    for (const [text, message] of cases) {
      const t = loadPolicyTest(text);
      assert.ok(t.problems.some((p) => message.test(p.message)), `${JSON.stringify(text)}: ${JSON.stringify(t.problems)}`);
      for (const p of t.problems) assert.ok(p.span.start >= 0 && p.span.end <= text.length);
    }
  });
});

describe('runCase', () => {
  const policy = loadPolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n- level: Metadata\n  omitStages: [Panic]\n  resources: [{group: "", resources: [pods]}]\n', V).policy;
  const run = (expect: string) => {
    const t = loadPolicyTest(`${HEAD}cases:\n- name: c\n  request: GET /api/v1/namespaces/a/pods\n  user: u\n  groups: [system:authenticated]\n  expect: ${expect}\n`);
    return runCase(policy, V, t.cases[0]!, () => ({ ok: false, error: 'unused' }));
  };

  test('omitStages compare as a set; fields left out are not checked', () => {
    const r = run('{level: Metadata, rule: 0, omitStages: [Panic, RequestReceived]}');
    assert.equal(r.kind === 'ran' && r.passed, true);
    const levelOnly = run('{level: Metadata}');
    assert.equal(levelOnly.kind === 'ran' && levelOnly.passed, true);
  });

  test('each field that differs is named', () => {
    const r = run('{level: Request, rule: null, omitStages: [Panic], omitManagedFields: true}');
    assert.ok(r.kind === 'ran');
    assert.deepEqual(r.mismatches, ['level', 'rule', 'omitStages', 'omitManagedFields']);
    assert.deepEqual(mismatchesOf({ level: 'None', rule: null }, { rule: null, level: 'None', omitStages: ['Panic'], omitManagedFields: true }), []);
  });
});

test('the scaffold reads back without problems and every case passes', () => {
  const text = readFileSync(join(__dirname, '../fixtures/corpus/policies/gce-configure-helper.yaml'), 'utf8');
  const { policy } = loadPolicy(text, V);
  const analysis = analyzePolicy(policy, { kubernetesVersion: V });
  const t = loadPolicyTest(scaffoldPolicyTest(policy, analysis, 'gce.yaml', V));
  assert.deepEqual(t.problems, []);
  assert.equal(t.cases.length, analysis.rules.filter((r) => r.status === 'reachable').length);
  for (const c of t.cases) {
    const r = runCase(policy, V, c, () => ({ ok: false, error: 'unused' }));
    assert.ok(r.kind === 'ran' && r.passed, c.name);
  }
});
