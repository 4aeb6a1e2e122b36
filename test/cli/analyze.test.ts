// `kube-audit-policy analyze` through the built out/cli.js (run `npm run build` first): the JSON
// contract of issue 3, every witness replayed through `explain --event -` (the Event a user would
// paste), the text format (golden, rewritten with UPDATE_GOLDENS=1), usage errors, and the CLI's
// budget: large generated policies are decided completely, and a policy beyond the budget exits 2
// instead of printing a status outside the contract.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { adversarialPolicy, generatedPolicy } from '../../scripts/bench/generatedPolicies.ts';
import { runWithReaderGoingAway } from '../helpers/readerGoesAway.ts';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli.js');
const POLICY = 'test/fixtures/analysis/policy.yaml';
const GOLDEN = join(ROOT, 'test/fixtures/analysis/policy.analyze.txt');

function run(args: readonly string[], stdin = '') {
  assert.ok(existsSync(CLI), 'out/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input: stdin, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface RuleJson {
  readonly rule: number;
  readonly status: string;
  readonly shadowedBy: readonly number[];
  readonly witness: Record<string, unknown> | null;
}

test('json: exactly the contract, with every verdict', () => {
  const r = run(['analyze', POLICY, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { rules: RuleJson[] };
  assert.deepEqual(Object.keys(out), ['rules']);
  for (const rule of out.rules) assert.deepEqual(Object.keys(rule), ['rule', 'status', 'shadowedBy', 'witness']);
  assert.deepEqual(
    out.rules.map((x) => [x.rule, x.status, x.shadowedBy, x.witness === null]),
    [
      [0, 'reachable', [], false],
      [1, 'reachable', [], false],
      [2, 'shadowed', [0, 1], true],
      [3, 'shadowed', [1], true],
      [4, 'unsatisfiable', [], true],
      [5, 'reachable', [], false],
    ],
  );
});

test('every witness is an audit Event that explain --event matches to its rule', () => {
  const out = JSON.parse(run(['analyze', POLICY, '--format', 'json']).stdout) as { rules: RuleJson[] };
  for (const rule of out.rules.filter((x) => x.status === 'reachable')) {
    const w = rule.witness as Record<string, unknown>;
    assert.equal(w['kind'], 'Event');
    assert.equal(w['apiVersion'], 'audit.k8s.io/v1');
    for (const key of ['level', 'auditID', 'stage', 'requestURI', 'verb', 'user']) assert.ok(key in w, `witness has ${key}`);
    const explained = run(['explain', POLICY, '--event', '-', '--format', 'json'], JSON.stringify(w));
    assert.equal(explained.status, 0, explained.stderr);
    const result = JSON.parse(explained.stdout) as { rule: number; level: string; attributes: { isResourceRequest: boolean; path: string } };
    assert.equal(result.rule, rule.rule);
    assert.equal(result.level, w['level']);
    assert.equal(result.attributes.isResourceRequest, 'objectRef' in w);
    // requestURI agrees with the attributes: its path is the request's path.
    assert.equal(result.attributes.path, String(w['requestURI']).split('?')[0]);
  }
});

test('text: one line per rule, golden', () => {
  const r = run(['analyze', POLICY]);
  assert.equal(r.status, 0, r.stderr);
  if (process.env.UPDATE_GOLDENS) writeFileSync(GOLDEN, r.stdout);
  assert.equal(r.stdout, readFileSync(GOLDEN, 'utf8'));
});

test('--kubernetes-version changes what group "*" means', () => {
  const policy = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  resources: [{group: "*", resources: [secrets]}]\n- level: Metadata\n  resources: [{group: "", resources: [secrets]}]\n';
  const status = (v: string) => (JSON.parse(run(['analyze', '-', '--format', 'json', '--kubernetes-version', v], policy).stdout) as { rules: RuleJson[] }).rules[1]?.status;
  assert.equal(status('1.36'), 'shadowed');
  assert.equal(status('1.35'), 'reachable');
});

test('usage and input errors exit 2 with a message', () => {
  for (const [args, says] of [
    [['analyze'], 'no policy file given'],
    [['analyze', POLICY, '--format', 'xml'], "unknown format 'xml'"],
    [['analyze', 'test/fixtures/analysis/missing.yaml'], 'missing.yaml'],
    [['analyze', POLICY, '--kubernetes-version', 'banana'], 'not a version'],
    [['analyze', POLICY, '--bogus'], 'bogus'],
  ] as const) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.includes(says), `${args.join(' ')}: ${r.stderr}`);
  }
});

test('a policy kube-apiserver would refuse is still analysed, with a warning on stderr', () => {
  const r = run(['analyze', 'test/fixtures/semantics/explain/invalid-level.yaml', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "kube-audit-policy analyze: warning: test/fixtures/semantics/explain/invalid-level.yaml has 1 error; kube-apiserver 1.36 would refuse it (see 'kube-audit-policy lint')\n");
  assert.ok((JSON.parse(r.stdout) as { rules: unknown[] }).rules.length > 0);
});

const CONTRACT_STATUSES = new Set(['reachable', 'shadowed', 'unsatisfiable']);

test('generated policies of 500 rules, also adversarial ones, are decided completely within the CLI budget', () => {
  for (const policy of [generatedPolicy(500, 1), generatedPolicy(500, 2), adversarialPolicy(500, 'groups'), adversarialPolicy(500, 'prefixes')]) {
    const r = run(['analyze', '-', '--format', 'json'], policy);
    assert.equal(r.status, 0, r.stderr);
    const rules = (JSON.parse(r.stdout) as { rules: RuleJson[] }).rules;
    assert.equal(rules.length, 500);
    for (const rule of rules) assert.ok(CONTRACT_STATUSES.has(rule.status), `rule ${rule.rule}: ${rule.status}`);
  }
});

test('a policy beyond the CLI budget exits 2 with a message and prints no verdicts', () => {
  // One rule of 30,000 paths: the analysis charges every path class for every new path before it starts.
  const urls = Array.from({ length: 30_000 }, (_, i) => JSON.stringify(`/p${i}`)).join(', ');
  const policy = `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  nonResourceURLs: [${urls}]\n- level: Metadata\n`;
  for (const format of ['json', 'text']) {
    const r = run(['analyze', '-', '--format', format], policy);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^kube-audit-policy analyze: error: standard input: the analysis spent its budget of [\d,]+ work units before deciding rule 0 \(of 2\)/);
  }
});

test('a reader that goes away (| head) ends analyze quietly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-analyze-'));
  const p = join(dir, 'many.yaml');
  writeFileSync(p, generatedPolicy(500, 7));
  try {
    assert.deepEqual(await runWithReaderGoingAway(['analyze', p, '--format', 'json']), { stderr: '', status: 0 });
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('text: an example request the release never sees says so (one story with obsolete-user and the catalog checks)', () => {
  const policy = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: ["system:unsecured"]\n- level: Metadata\n  resources:\n  - group: ""\n    resources: ["deployments"]\n';
  const r = run(['analyze', '-'], policy);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /rule 0 +reachable +e\.g\. .* as system:unsecured \(not a request Kubernetes 1\.36 sees: user "system:unsecured" no longer exists, see obsolete-user\)/);
  assert.match(r.stdout, /rule 1 +reachable +e\.g\. GET \/api\/v1\/namespaces\/\w+\/deployments\/.*\(not a request Kubernetes 1\.36 sees: it serves no "deployments" in the core group, see resource-in-wrong-group\)/);
  const old = run(['analyze', '--kubernetes-version', '1.19', '-'], policy);
  assert.doesNotMatch(old.stdout, /obsolete-user/);
});
