// The in-process half of the diff and test benchmarks (scripts/bench/diffBench.ts runs it bundled,
// as the CLI ships): two 100-rule generated policies diffed (against an edited copy: levels
// changed, two rules swapped, one removed; and against an unrelated policy) next to the analysis
// of the same policy (the diff partitions two policies and intersects the parts, so a few
// analyses' worth is expected); a file of 1,000 cases loaded and run next to the bare evaluation
// of the same requests. Writes the files the command-level runs use into DIR (argument 1).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { diffPolicies } from '../../server/src/core/diff/diffPolicies.ts';
import { evaluate } from '../../server/src/core/evaluate/evaluate.ts';
import { requestLineInput } from '../../server/src/core/explain/explainInput.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import type { Policy } from '../../server/src/core/model.ts';
import { loadPolicyTest } from '../../server/src/core/policyTest/loadPolicyTest.ts';
import { runCase } from '../../server/src/core/policyTest/runPolicyTest.ts';
import { generatedPolicy } from './generatedPolicies.ts';
import { random } from './random.ts';
import { both, timed } from './timed.ts';

const V = LATEST_KUBERNETES_VERSION;
const load = (text: string): Policy => loadPolicy(text, V).policy;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** The generated policy with five levels changed, rules 10 and 11 swapped and rule 20 removed. */
function edited(text: string, seed: number): string {
  const r = random(seed);
  const [head, ...rules] = text.split('\n  - level: ');
  const levels = ['None', 'Metadata', 'Request', 'RequestResponse'];
  const out = rules.map((rule) => rule);
  for (let k = 0; k < 5; k++) {
    const i = Math.floor(r() * (out.length - 1));
    out[i] = (out[i] as string).replace(/^\w+/, levels[Math.floor(r() * 4)] as string);
  }
  [out[10], out[11]] = [out[11] as string, out[10] as string];
  out.splice(20, 1);
  return [head, ...out].join('\n  - level: ');
}

function diffBench(dir: string): void {
  log('Diff (two policies of 100 generated rules, in-process, bundled as the CLI ships; median of 7 runs; target under 100 ms)');
  for (const seed of [1, 2, 3]) {
    const text = generatedPolicy(100, seed);
    const otherText = generatedPolicy(100, seed + 100);
    const [p, q, other] = [load(text), load(edited(text, seed)), load(otherText)];
    const side = (policy: Policy) => ({ policy, kubernetesVersion: V });
    const analysis = timed(() => analyzePolicy(p, { kubernetesVersion: V }), 7);
    let changes = 0;
    const editedMs = timed(() => (changes = diffPolicies(side(p), side(q), { budget: 1e9 }).changes.length), 7);
    let unrelatedChanges = 0;
    const unrelatedMs = timed(() => (unrelatedChanges = diffPolicies(side(p), side(other), { budget: 1e9 }).changes.length), 7);
    log(`  seed ${seed}: vs an edited copy ${both(editedMs)}, ${changes} changes; vs an unrelated policy ${both(unrelatedMs)}, ${unrelatedChanges} changes`);
    log(`          analysis of one policy ${both(analysis)}; diff (edited) / analysis x${(editedMs.cpu / analysis.cpu).toFixed(1)} in CPU time`);
    if (seed === 1) {
      writeFileSync(join(dir, 'before.yaml'), text);
      writeFileSync(join(dir, 'after.yaml'), otherText);
    }
  }
}

/** 1,000 cases: the request lines of the corpus policy's reachable rules and variations, cycled. */
function testFile(policy: Policy): { text: string; lines: string[] } {
  const analysis = analyzePolicy(policy, { kubernetesVersion: V });
  const seeds = analysis.rules.flatMap((r) => (r.witness ? [r.witness] : []));
  const lines: string[] = [];
  const cases: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const w = seeds[i % seeds.length]!;
    const uri = String(w.event.requestURI).replace('example', `example-${i}`);
    const method = w.attributes.isResourceRequest ? ({ get: 'GET', list: 'GET', watch: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE' } as Record<string, string>)[w.attributes.verb] ?? 'GET' : w.attributes.verb.toUpperCase();
    const line = `${method} ${uri}`;
    lines.push(line);
    const user = w.attributes.user ? `\n  user: ${JSON.stringify(w.attributes.user.name)}\n  groups: ${JSON.stringify(w.attributes.user.groups)}` : '';
    cases.push(`- name: case ${i}\n  request: ${JSON.stringify(line)}${user}\n  expect: {level: ${w.event.level}}`);
  }
  return { text: `apiVersion: kube-audit-policy/v1alpha1\nkind: PolicyTest\npolicy: policy.yaml\ncases:\n${cases.join('\n')}\n`, lines };
}

function testBench(root: string, dir: string): void {
  log('Policy tests (1,000 cases against gce-configure-helper.yaml; median of 5 runs; target under 1 s)');
  const policyText = readFileSync(join(root, 'test/fixtures/corpus/policies/gce-configure-helper.yaml'), 'utf8');
  const policy = load(policyText);
  const { text, lines } = testFile(policy);
  let passed = 0;
  const inProcess = timed(() => {
    const t = loadPolicyTest(text);
    passed = t.cases.map((c) => runCase(policy, V, c, () => ({ ok: false, error: '' }))).filter((r) => r.kind === 'ran').length;
  }, 5);
  const bare = timed(() => {
    for (const l of lines) {
      const input = requestLineInput(l, 'alice', ['system:authenticated']);
      if (input.ok) evaluate(policy, input.input.attributes, V);
    }
  }, 5);
  log(`  load + run in-process: ${both(inProcess)}, ${passed} cases ran; bare parse + evaluate of the same requests ${both(bare)}, x${(inProcess.cpu / bare.cpu).toFixed(1)} in CPU time`);
  writeFileSync(join(dir, 'policy.yaml'), policyText);
  writeFileSync(join(dir, 'bench.test.yaml'), text);
}

const [root, dir] = process.argv.slice(2);
if (root === undefined || dir === undefined) throw new Error('usage: diffMeasure.js ROOT DIR');
mkdirSync(join(dir, 'diff'), { recursive: true });
mkdirSync(join(dir, 'policy-test'), { recursive: true });
diffBench(join(dir, 'diff'));
testBench(root, join(dir, 'policy-test'));
