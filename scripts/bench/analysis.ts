// Benchmark of the reachability analysis (`npm run bench`): time per policy for the corpus and for
// generated realistic policies of 10, 100 and 500 rules, the growth with rule count, and
// adversarial policies (many userGroups, many path prefixes) against the editor's budget.
// Figures are medians of several runs after a warm-up; the machine is shared, so read them as
// orders of magnitude.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePolicy, DEFAULT_ANALYSIS_BUDGET } from '../../server/src/core/analysis/analyzePolicy.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import type { Policy } from '../../server/src/core/model.ts';
import { median } from './median.ts';
import { random } from './random.ts';

const V = LATEST_KUBERNETES_VERSION;
const CORPUS = join(__dirname, '../../test/fixtures/corpus/policies');

const USERS = ['system:kube-proxy', 'system:kube-scheduler', 'system:kube-controller-manager', 'kubelet', 'system:apiserver', 'cluster-autoscaler', 'system:serviceaccount:kube-system:endpoint-controller'];
const GROUPS = ['system:nodes', 'system:serviceaccounts', 'system:masters', 'oidc:admins', 'system:authenticated'];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const RESOURCES: [string, string[]][] = [
  ['', ['pods', 'pods/log', 'pods/exec', 'pods/status', 'secrets', 'configmaps', 'services', 'endpoints', 'nodes', 'nodes/status', 'events', 'serviceaccounts/token', 'namespaces']],
  ['apps', ['deployments', 'deployments/scale', 'statefulsets', 'daemonsets', 'replicasets']],
  ['rbac.authorization.k8s.io', ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']],
  ['batch', ['jobs', 'cronjobs']],
  ['coordination.k8s.io', ['leases']],
  ['authentication.k8s.io', ['tokenreviews']],
];
const NAMESPACES = ['kube-system', 'default', 'monitoring', ''];
const URLS = ['/healthz*', '/livez*', '/readyz*', '/version', '/metrics', '/openapi/*', '/swagger*', '/api*'];
const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** A GCE-style policy: narrow None rules for system components, resource rules, URL rules, a catch-all. */
export function generatedPolicy(rules: number, seed: number): string {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const some = <T>(xs: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(xs)))];
  const q = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  const out = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'omitStages: ["RequestReceived"]', 'rules:'];
  for (let i = 0; i < rules - 1; i++) {
    out.push(`  - level: ${pick(LEVELS)}`);
    // Like real policies: first narrow rules for named components, then broader resource rules.
    const narrow = i < rules * 0.7;
    if (narrow && r() < 0.75) out.push(`    users: ${q(some(USERS, 3))}`);
    else if (narrow) out.push(`    userGroups: ${q(some(GROUPS, 2))}`);
    if (narrow || r() < 0.5) out.push(`    verbs: ${q(some(VERBS, 3))}`);
    if (r() < 0.12) {
      out.push(`    nonResourceURLs: ${q(some(URLS, 3))}`);
      continue;
    }
    if (r() < 0.3) out.push(`    namespaces: ${q(some(NAMESPACES, 2))}`);
    out.push('    resources:');
    for (const [group, resources] of some(RESOURCES, 2)) {
      out.push(`      - group: ${JSON.stringify(group)}`);
      if (r() < 0.85) out.push(`        resources: ${q(some(resources, 3))}`);
      if (r() < 0.1) out.push(`        resourceNames: ${q([`name-${Math.floor(r() * 5)}`])}`);
    }
  }
  out.push('  - level: Metadata');
  return `${out.join('\n')}\n`;
}

/** Adversarial: every rule lists many groups or many overlapping path prefixes. */
export function adversarialPolicy(rules: number, kind: 'groups' | 'prefixes'): string {
  const out = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:'];
  for (let i = 0; i < rules; i++) {
    const level = LEVELS[i % 4] as string;
    if (kind === 'groups') {
      const groups = Array.from({ length: 40 }, (_, k) => `group-${(i * 7 + k * 13) % 200}`);
      out.push(`  - level: ${level}`, `    userGroups: ${JSON.stringify(groups)}`, `    verbs: [${JSON.stringify(VERBS[i % 8])}]`);
    } else {
      const urls = Array.from({ length: 30 }, (_, k) => `/p${(i + k) % 50}/${'x'.repeat(k % 5)}*`);
      out.push(`  - level: ${level}`, `    nonResourceURLs: ${JSON.stringify(urls)}`, `    userGroups: ["g${i % 9}", "g${(i + 3) % 9}"]`);
    }
  }
  return `${out.join('\n')}\n`;
}

function time(policy: Policy, runs: number): { ms: number; complete: boolean; work: number } {
  analyzePolicy(policy, { kubernetesVersion: V });
  const times: number[] = [];
  let last = analyzePolicy(policy, { kubernetesVersion: V });
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = analyzePolicy(policy, { kubernetesVersion: V });
    times.push(performance.now() - t);
  }
  return { ms: median(times), complete: last.complete, work: last.work };
}

const load = (text: string): Policy => loadPolicy(text, V).policy;
const fmt = (ms: number): string => `${ms.toFixed(2).padStart(8)} ms`;

export function runAnalysisBench(log: (line: string) => void = console.log): void {
  log(`Reachability analysis (median of runs; budget ${DEFAULT_ANALYSIS_BUDGET} work units)`);
  const corpus = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml'));
  let worst = { file: '', ms: 0, rules: 0 };
  let total = 0;
  for (const file of corpus) {
    const policy = load(readFileSync(join(CORPUS, file), 'utf8'));
    const { ms } = time(policy, 5);
    total += ms;
    if (ms > worst.ms) worst = { file, ms, rules: policy.rules.length };
  }
  log(`  corpus: ${corpus.length} policies, ${fmt(total)} in all; slowest ${worst.file} (${worst.rules} rules) ${fmt(worst.ms)}`);
  let previous: number | undefined;
  for (const n of [10, 50, 100, 200, 500]) {
    const results = [1, 2, 3].map((seed) => time(load(generatedPolicy(n, seed)), n >= 200 ? 3 : 7));
    const ms = results.reduce((a, b) => a + b.ms, 0) / results.length;
    const incomplete = results.filter((x) => !x.complete).length;
    const growth = previous === undefined ? '' : `  (x${(ms / previous).toFixed(1)} vs previous size)`;
    log(`  generated ${String(n).padStart(3)} rules: ${fmt(ms)} per policy, work ${Math.round(results.reduce((a, b) => a + b.work, 0) / 3)}${incomplete ? `, ${incomplete}/3 incomplete` : ''}${growth}`);
    previous = ms;
  }
  for (const kind of ['groups', 'prefixes'] as const) {
    const { ms, complete, work } = time(load(adversarialPolicy(200, kind)), 3);
    log(`  adversarial 200 rules (many ${kind}): ${fmt(ms)}, work ${work}, ${complete ? 'complete' : 'stopped at the budget (analysis-incomplete)'}`);
  }
}

if (require.main === module) runAnalysisBench();
