// The reachability findings as lint reports them (codes, rules, related rules, key phrases).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { reachabilityFindings } from '../../server/src/core/analysis/reachabilityFindings.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { lint } from '../../server/src/core/lint.ts';
import { said } from './checksHarness.ts';

const REACHABILITY = new Set(['unsatisfiable-rule', 'shadowed-rule', 'redundant-rule', 'catch-all-not-last', 'partial-overlap', 'analysis-incomplete']);

interface Expected {
  readonly code: string;
  readonly rule: number;
  /** Rules whose spans are the related locations, in order. */
  readonly related?: readonly number[];
  /** Phrases the message must contain. */
  readonly says?: readonly string[];
}

function check(rules: string, expected: readonly Expected[]): void {
  const text = `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`;
  const { policy, findings } = lint(text, { kubernetesVersion: LATEST_KUBERNETES_VERSION });
  const ruleOf = (start: number): number => policy.rules.findIndex((r) => r.source.span.start <= start && start < r.source.span.end);
  const got = findings.filter((f) => REACHABILITY.has(f.code));
  assert.deepEqual(
    got.map((f) => ({ code: f.code, rule: f.rule })),
    expected.map((e) => ({ code: e.code, rule: e.rule })),
  );
  got.forEach((f, i) => {
    const e = expected[i] as Expected;
    if (e.related) assert.deepEqual((f.related ?? []).map((r) => ruleOf(r.span.start)), e.related);
    for (const phrase of e.says ?? []) assert.ok(said(f).includes(phrase), `${JSON.stringify(said(f))} should say ${JSON.stringify(phrase)}`);
  });
}

describe('reachability findings', () => {
  test('shadowed by the union of two rules, with an example request', () =>
    check(
      `- level: None\n  users: [alice]\n- level: Request\n  verbs: [get]\n- level: Metadata\n  users: [alice]\n  verbs: [get]\n  resources: [{group: "", resources: [secrets]}]\n- level: Metadata\n`,
      [
        { code: 'partial-overlap', rule: 1, related: [0] },
        { code: 'shadowed-rule', rule: 2, related: [0], says: ['Rule 2 never applies', 'rule 0 catches every request', 'as alice'] },
      ],
    ));
  test('two covering rules are both named', () =>
    check(`- level: None\n  users: [alice]\n- level: None\n  users: [bob]\n- level: Request\n  users: [alice, bob]\n- level: Metadata\n`, [
      { code: 'shadowed-rule', rule: 2, related: [0, 1], says: ['rules 0 and 1 catch every request'] },
    ]));
  test('covered with the same effect: redundant', () =>
    check(`- level: None\n  nonResourceURLs: ["/healthz*"]\n- level: None\n  nonResourceURLs: ["/healthz"]\n- level: Metadata\n`, [
      { code: 'redundant-rule', rule: 1, related: [0], says: ['Deleting it changes nothing', 'GET /healthz'] },
    ]));
  test('a catch-all that is not last is said once, not once per later rule', () =>
    check(`- level: Metadata\n- level: None\n  users: [alice]\n- level: None\n  verbs: [watch]\n`, [{ code: 'catch-all-not-last', rule: 0, related: [1, 2], says: ['move it to the end'] }]));
  test('an unsatisfiable rule says why', () =>
    check(`- level: None\n  resources: [{group: "", resources: ["pods/log/x"]}]\n- level: Metadata\n`, [{ code: 'unsatisfiable-rule', rule: 0, says: ['never contains "/"'] }]));
  test('a rule with an invalid level is left to invalid-level', () => check(`- level: Everything\n- level: Metadata\n`, []));
});

test('a spent budget is reported once, at the first rule not decided', () => {
  const rules = Array.from({ length: 20 }, (_, i) => `- level: ${i % 2 ? 'None' : 'Metadata'}\n  users: [u${i}]\n  verbs: [v${i % 3}]\n`).join('');
  const { policy } = loadPolicy(`apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`, LATEST_KUBERNETES_VERSION);
  const full = analyzePolicy(policy, { kubernetesVersion: LATEST_KUBERNETES_VERSION });
  const cut = analyzePolicy(policy, { kubernetesVersion: LATEST_KUBERNETES_VERSION, budget: Math.floor(full.work / 2) });
  const stopped = cut.rules.findIndex((r) => r.status === 'unknown');
  const findings = reachabilityFindings(policy, cut).filter((f) => f.code === 'analysis-incomplete');
  assert.deepEqual(findings.map((f) => f.rule), [stopped]);
  assert.ok(findings[0]?.message.includes(`rules ${stopped} to 19 were not checked`));
});
