// Benchmarks of `diff` and `test` (`npm run bench`). diff: two 100-rule generated policies (a
// policy against an edited copy: levels changed, two rules swapped, one removed; and against an
// unrelated policy), next to the analysis of the same policy measured in the same run (the
// diff partitions two policies and intersects the parts, so a few analyses' worth is expected).
// test: a file of 1,000 cases against a corpus policy, loaded and run in-process next to the bare
// evaluation of the same requests, and the whole command (node startup included) when out/cli.js
// is built. Targets: diff under 100 ms, test under 1 s.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { diffPolicies } from '../../server/src/core/diff/diffPolicies.ts';
import { evaluate } from '../../server/src/core/evaluate/evaluate.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import type { Policy } from '../../server/src/core/model.ts';
import { loadPolicyTest } from '../../server/src/core/policyTest/loadPolicyTest.ts';
import { runCase } from '../../server/src/core/policyTest/runPolicyTest.ts';
import { requestLineInput } from '../../server/src/core/explain/explainInput.ts';
import { generatedPolicy } from './analysis.ts';
import { median } from './median.ts';
import { random } from './random.ts';

const V = LATEST_KUBERNETES_VERSION;
const ROOT = join(__dirname, '..', '..');
const load = (text: string): Policy => loadPolicy(text, V).policy;
const fmt = (ms: number): string => `${ms.toFixed(1).padStart(7)} ms`;

/** CPU time (ms) of this process and of its waited-for children (Linux /proc; 0 elsewhere). */
function cpuMs(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // Fields 16 and 17 of /proc/self/stat: cutime and cstime, in clock ticks (100 per second).
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    children = 0;
  }
  return (own.user + own.system) / 1000 + children;
}

/** Medians of wall-clock and CPU time: the machine is shared, and CPU time is what other load disturbs less. */
function timed(f: () => void, runs: number): { wall: number; cpu: number } {
  f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [t, c] = [performance.now(), cpuMs()];
    f();
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const both = (t: { wall: number; cpu: number }): string => `${fmt(t.wall)} (CPU ${t.cpu.toFixed(1)} ms)`;

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

function diffBench(log: (line: string) => void): void {
  log('Diff (two policies of 100 generated rules; median of 7 runs; target under 100 ms)');
  for (const seed of [1, 2, 3]) {
    const text = generatedPolicy(100, seed);
    const [p, q, other] = [load(text), load(edited(text, seed)), load(generatedPolicy(100, seed + 100))];
    const side = (policy: Policy) => ({ policy, kubernetesVersion: V });
    const analysis = timed(() => analyzePolicy(p, { kubernetesVersion: V }), 7);
    let changes = 0;
    const editedMs = timed(() => (changes = diffPolicies(side(p), side(q), { budget: 1e9 }).changes.length), 7);
    let unrelatedChanges = 0;
    const unrelatedMs = timed(() => (unrelatedChanges = diffPolicies(side(p), side(other), { budget: 1e9 }).changes.length), 7);
    log(`  seed ${seed}: vs an edited copy ${both(editedMs)}, ${changes} changes; vs an unrelated policy ${both(unrelatedMs)}, ${unrelatedChanges} changes`);
    log(`          analysis of one policy ${both(analysis)}; diff (edited) / analysis x${(editedMs.cpu / analysis.cpu).toFixed(1)} in CPU time`);
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

function testBench(log: (line: string) => void): void {
  log('Policy tests (1,000 cases against gce-configure-helper.yaml; median of 5 runs; target under 1 s)');
  const policyText = readFileSync(join(ROOT, 'test/fixtures/corpus/policies/gce-configure-helper.yaml'), 'utf8');
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
  const cli = join(ROOT, 'out', 'cli.js');
  if (!existsSync(cli)) {
    log('  (out/cli.js not built: run `npm run build` to time the command end to end)');
    return;
  }
  const dir = join(ROOT, '.bench', 'policy-test');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'policy.yaml'), policyText);
  writeFileSync(join(dir, 'bench.test.yaml'), text);
  const run = () => {
    try {
      execFileSync(process.execPath, [cli, 'test', dir, '--format', 'json'], { stdio: 'ignore' });
    } catch {
      // Some generated expectations may fail (variations of a witness can meet another rule): timing only.
    }
  };
  const version = () => execFileSync(process.execPath, [cli, '--help'], { stdio: 'ignore' });
  const command = timed(run, 5);
  const startup = timed(version, 5);
  log(`  kube-audit-policy test (whole command): ${both(command)}; node + CLI startup alone (--help) ${both(startup)}`);
}

export function runDiffBench(log: (line: string) => void = console.log): void {
  diffBench(log);
  testBench(log);
}

if (require.main === module) runDiffBench();
