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
import { adversarialPolicy, generatedPolicy } from './generatedPolicies.ts';

const V = LATEST_KUBERNETES_VERSION;
const CORPUS = join(__dirname, '../../test/fixtures/corpus/policies');

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
