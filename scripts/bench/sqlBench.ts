// The policy compiled to ClickHouse SQL (`npm run bench`): the time to compile a 100-rule policy
// (target: under 50 ms), and `replay --engine clickhouse` (chDB) on the generated 100k and 1M
// logs next to the built-in engine and the naive JSON.parse + first-match script, each a process
// of its own, timed from start to exit (wall clock: what a user waits), medians of --repeat runs.
// Without chdb installed the engine's part is skipped with the reason.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle } from './bundle.ts';
import { loadChdb } from '../../server/src/cli/loadChdb.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { perEventQuery, SUMMARY_DEFAULTS, summarySql } from '../../server/src/core/sql/compileSql.ts';
import { DEFAULT_SOURCE } from '../../server/src/core/sql/sourceColumns.ts';
import { generateAuditLog } from './generateAuditLog.ts';
import { median } from './median.ts';

const DIR = resolve('.bench');
const POLICY = 'test/fixtures/corpus/policies/gce-configure-helper.yaml';

export interface SqlBenchOptions {
  readonly sizes: readonly number[];
  readonly repeat: number;
}

const label = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2).padStart(6)} s`;

/** A policy of `n` rules of every kind the compiler expands: users, groups, wildcards, names, namespaces, paths. */
function policyOf(n: number): string {
  const kinds: ((i: number) => string)[] = [
    (i) => `- level: Metadata\n  users: ["user${i}", "system:serviceaccount:ns${i}:sa"]\n  verbs: [get, list, watch]\n  resources:\n  - group: ""\n    resources: [pods, "pods/log", "pods/*"]\n`,
    (i: number) => `- level: None\n  userGroups: ["group${i}"]\n  resources:\n  - group: "apps"\n    resources: [deployments, "*/scale"]\n    resourceNames: ["d${i}", "e${i}"]\n`,
    (i: number) => `- level: Request\n  namespaces: ["ns${i}", kube-system]\n  resources:\n  - group: "*"\n`,
    (i: number) => `- level: None\n  nonResourceURLs: ["/healthz${i}*", "/version", "/api/v${i}/*"]\n`,
    () => `- level: RequestResponse\n  verbs: [create, update, patch]\n  omitStages: [RequestReceived]\n  resources:\n  - group: "rbac.authorization.k8s.io"\n    resources: ["*"]\n`,
  ];
  let text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n';
  for (let i = 0; i < n; i++) text += kinds[i % kinds.length]!(i);
  return text;
}

function compileTime(log: (line: string) => void): void {
  const { policy } = loadPolicy(policyOf(100), LATEST_KUBERNETES_VERSION);
  const o = { source: DEFAULT_SOURCE, kubernetesVersion: LATEST_KUBERNETES_VERSION };
  const time = (f: () => string): number => {
    const runs: number[] = [];
    for (let i = 0; i < 21; i++) {
      const start = performance.now();
      f();
      runs.push(performance.now() - start);
    }
    return median(runs);
  };
  const summary = time(() => summarySql(policy, { ...o, ...SUMMARY_DEFAULTS }));
  const perEvent = time(() => perEventQuery(policy, o));
  const size = summarySql(policy, { ...o, ...SUMMARY_DEFAULTS }).length;
  log(`  compile a ${policy.rules.length}-rule policy: summary ${summary.toFixed(1)} ms (${(size / 1024).toFixed(0)} KiB of SQL), per-event ${perEvent.toFixed(1)} ms (target: under 50 ms)`);
}

async function ensureLog(events: number): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, `sql-audit-${label(events)}.jsonl`);
  if (!existsSync(path)) await generateAuditLog(path, events, 1);
  return path;
}

/** The CLI with its ingest worker beside it, and the naive script (replayWorker.ts naive), as plain node bundles. */
async function bundles(): Promise<{ cli: string; worker: string }> {
  const out = join(DIR, 'sql-bench');
  const cli = await bundle('server/src/cli.ts', join(out, 'cli.js'));
  await bundle('server/src/io/ingestWorker.ts', join(out, 'ingestWorker.js'));
  return { cli, worker: await bundle('scripts/bench/replayWorker.ts', join(out, 'replayWorker.js')) };
}

/** Wall time of one process, start to exit. */
function wall(args: readonly string[]): number {
  const start = performance.now();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 20 });
  return performance.now() - start;
}

export async function runSqlBench(options: SqlBenchOptions, log: (line: string) => void = console.log): Promise<void> {
  log('ClickHouse SQL (kube-audit-policy sql, replay --engine clickhouse)');
  compileTime(log);
  const chdb = loadChdb(process.cwd());
  if (!chdb.ok) {
    log(`  chDB engine skipped: ${chdb.message.split('\n').join(' ')}`);
    return;
  }
  const { cli, worker } = await bundles();
  log(`  replay of the generated logs, policy ${POLICY}: wall time of each process from start to exit (chDB loads its engine, ~550 MB, in each), median of ${options.repeat}`);
  for (const events of options.sizes) {
    const file = await ensureLog(events);
    const runs = { naive: [] as number[], builtin: [] as number[], clickhouse: [] as number[] };
    // Interleaved, so a burst of other load does not fall on one engine only.
    for (let i = 0; i < options.repeat; i++) {
      runs.naive.push(wall([worker, 'naive', file, POLICY]));
      runs.builtin.push(wall([cli, 'replay', POLICY, file]));
      runs.clickhouse.push(wall([cli, 'replay', POLICY, file, '--engine', 'clickhouse']));
    }
    const [naive, builtin, clickhouse] = [median(runs.naive), median(runs.builtin), median(runs.clickhouse)];
    const mb = statSync(file).size / 1e6;
    const rate = (ms: number): string => `${(mb / (ms / 1000)).toFixed(0).padStart(5)} MB/s`;
    log(`  ${label(events)} events, ${mb.toFixed(0)} MB JSON lines`);
    log(`    naive       ${seconds(naive)}  ${rate(naive)}`);
    log(`    built-in    ${seconds(builtin)}  ${rate(builtin)}  x${(naive / builtin).toFixed(1)} vs naive`);
    log(`    clickhouse  ${seconds(clickhouse)}  ${rate(clickhouse)}  x${(naive / clickhouse).toFixed(2)} vs naive, x${(builtin / clickhouse).toFixed(2)} vs built-in`);
  }
}
