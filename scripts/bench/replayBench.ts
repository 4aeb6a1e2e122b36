// Replay ingest benchmark (`npm run bench`): synthetic cluster logs of 100k and 1M events, our
// ingest next to two baselines measured in the same run — reading lines without parsing (the
// floor) and a naive JSON.parse + first-match script — plus re-aggregation after a policy edit
// and peak memory. Each measurement runs in its own process, the policy loaded before its clock
// starts. Ingest is timed to its index built, and also to its first answer (the policy then
// evaluated over it, in cold code), which is what naive's time covers. Ingest scans large logs on worker
// threads as well, so the target ratio (ingest vs naive) is of wall-clock time, the time a user
// waits; the CPU-time ratio is printed beside it (the machine is shared, and CPU time is what
// other load disturbs less). `--repeat N` measures each task N times, interleaved, and prints
// medians: of times, and of the ratios within each round (the machine's speed drifts over
// minutes; runs next to each other share it). `--baseline DIR` also measures the ingest of
// another checkout (a git worktree of the commit before a change), in the same rounds, and prints
// ours against it: how a change of the reader is measured.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { bundle } from './bundle.ts';
import { generateAuditLog, type LogShape } from './generateAuditLog.ts';
import { median } from './median.ts';
import { defaultWorkers } from '../../server/src/io/ingestPool.ts';
import { PARALLEL_MIN_BYTES } from '../../server/src/io/readAuditLogs.ts';
import type { WorkerResult } from './replayWorker.ts';

const DIR = '.bench';
/** Bump when the generator changes, so stale logs are not measured. */
const GENERATOR_VERSION = 3;
const POLICY = 'test/fixtures/corpus/policies/gce-configure-helper.yaml';

export interface ReplayBenchOptions {
  readonly sizes: readonly number[];
  /** Also stream a 1 GiB EventList with a small heap (slow; off by default). */
  readonly gigabyteList: boolean;
  /** Runs of each measurement; medians are printed. */
  readonly repeat: number;
  /** A checkout whose ingest is measured beside ours, interleaved (ratios: ours against it). */
  readonly baseline?: string | undefined;
}

const label = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;

async function ensureLog(events: number, shape: LogShape): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, `audit-v${GENERATOR_VERSION}-${label(events)}.${shape === 'jsonl' ? 'jsonl' : 'json'}`);
  if (!existsSync(path)) {
    process.stdout.write(`  generating ${path} ...`);
    const t = performance.now();
    const { bytes } = await generateAuditLog(path, events, 1, shape);
    process.stdout.write(` ${mb(bytes)} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  return path;
}

/**
 * The measurements and the ingest worker, bundled side by side as the CLI and the server run them:
 * plain node, no TypeScript loader (worker threads inherit the loader flags, and under tsx each
 * worker would first spend ~100 ms registering it and compiling its sources).
 */
async function bundleMeasurements(root = '.', dir = DIR): Promise<string> {
  await bundle('server/src/io/ingestWorker.ts', join(dir, 'ingestWorker.js'), root);
  return bundle('scripts/bench/replayWorker.ts', join(dir, 'replayWorker.js'), root);
}

function run(task: string, log: string, measurements: string, nodeFlags: readonly string[] = []): WorkerResult {
  const out = execFileSync(process.execPath, [...nodeFlags, measurements, task, log, POLICY], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as WorkerResult;
}

/** The run with the median wall time (its other figures come with it), and the median CPU time. */
function medianRun(runs: readonly WorkerResult[]): WorkerResult {
  const at = <T>(xs: readonly T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;
  return { ...at(runs, (r) => r.wallMs), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

interface Ratios {
  readonly wall: number;
  readonly cpu: number;
  readonly firstAnswer: number;
}

/** Median over rounds of naive's time over the task's: wall, CPU, and wall to the first answer. */
function pairedRatios(runs: readonly WorkerResult[], naive: readonly WorkerResult[]): Ratios {
  const paired = (time: (r: WorkerResult) => number, naiveTime: (r: WorkerResult) => number): number => median(runs.map((r, i) => naiveTime(naive[i]!) / time(r)));
  return { wall: paired((r) => r.wallMs, (r) => r.wallMs), cpu: paired((r) => r.cpuMs, (r) => r.cpuMs), firstAnswer: paired((r) => r.firstAnswerMs!, (r) => r.wallMs) };
}

/** Ours against the baseline's time, per round (runs next to each other): median and range, wall and CPU. */
function againstBaseline(ours: readonly WorkerResult[], base: readonly WorkerResult[]): string {
  const ratios = (time: (r: WorkerResult) => number): string => {
    const xs = ours.map((r, i) => time(r) / time(base[i]!));
    return `${median(xs).toFixed(3)} (${Math.min(...xs).toFixed(3)}-${Math.max(...xs).toFixed(3)})`;
  };
  return `ours/baseline per round: wall ${ratios((r) => r.wallMs)}, CPU ${ratios((r) => r.cpuMs)}`;
}

function row(r: WorkerResult, bytes: number, ratio?: Ratios): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2).padStart(6)} s`;
  const rate = `${((bytes / 1e6) / (r.wallMs / 1000)).toFixed(0).padStart(5)} MB/s ${Math.round(r.events / (r.wallMs / 1000)).toLocaleString('en-US').padStart(10)} ev/s`;
  const vs = ratio ? `  x${ratio.wall.toFixed(1)} vs naive (to the first answer x${ratio.firstAnswer.toFixed(1)}, CPU time x${ratio.cpu.toFixed(1)})` : '';
  return `    ${r.task.padEnd(7)} wall ${s(r.wallMs)}  cpu ${s(r.cpuMs)}  ${rate}  peak RSS ${r.maxRssMB.toFixed(0)} MB${vs}`;
}

export async function runReplayBench(options: ReplayBenchOptions, log: (line: string) => void = console.log): Promise<void> {
  log(
    `Replay ingest (the index built, and to the first answer: the loaded policy evaluated over it; wall-clock rates and ratios against the naive JSON.parse + first-match script; ${availableParallelism()} cores, ` +
      `ingest uses ${defaultWorkers()} worker thread(s) besides its main thread for logs of ${PARALLEL_MIN_BYTES >> 20} MiB or more; ` +
      `median of ${options.repeat} interleaved run(s) each; ratios: median over rounds of the ratio within each round)`,
  );
  const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
  // Other work on the machine takes cores from the worker threads: say how busy it was.
  log(`  load average before: ${load()}`);
  mkdirSync(DIR, { recursive: true });
  const measurements = await bundleMeasurements();
  const baseline = options.baseline === undefined ? undefined : await bundleMeasurements(options.baseline, join(DIR, 'baseline'));
  if (options.baseline !== undefined) log(`  baseline: ${resolve(options.baseline)} (its ingest and single measured in the same rounds)`);
  for (const events of options.sizes) {
    const file = await ensureLog(events, 'jsonl');
    const bytes = statSync(file).size;
    log(`  ${label(events)} events, ${mb(bytes)} JSON lines, policy ${POLICY}`);
    const tasks = ['floor', 'naive', 'ingest', 'single'] as const;
    const runs: Record<(typeof tasks)[number], WorkerResult[]> = { floor: [], naive: [], ingest: [], single: [] };
    const baseRuns: Record<'ingest' | 'single', WorkerResult[]> = { ingest: [], single: [] };
    // Interleaved, so a burst of other load does not fall on one task only.
    for (let i = 0; i < options.repeat; i++) {
      for (const task of tasks) {
        runs[task].push(run(task, file, measurements));
        if (baseline !== undefined && (task === 'ingest' || task === 'single')) baseRuns[task].push(run(task, file, baseline));
      }
    }
    const [floor, naive, ingest, single] = [medianRun(runs.floor), medianRun(runs.naive), medianRun(runs.ingest), medianRun(runs.single)];
    log(row(floor, bytes) + '  (floor: lines split, not parsed)');
    log(row(naive, bytes));
    log(row(ingest, bytes, pairedRatios(runs.ingest, runs.naive)));
    log(row(single, bytes, pairedRatios(runs.single, runs.naive)) + '  (single: ingest without worker threads)');
    log(
      `    re-aggregation after an edit: ${ingest.reaggregateMs!.toFixed(1)} ms (${ingest.loadAndReaggregateMs!.toFixed(1)} ms with re-loading the policy); ` +
        `${ingest.distinctRequests!.toLocaleString('en-US')} distinct requests, ${ingest.buckets!.toLocaleString('en-US')} buckets, heap ${ingest.heapUsedMB!.toFixed(0)} MB`,
    );
    if (baseline !== undefined) {
      for (const task of ['ingest', 'single'] as const) log(`${row(medianRun(baseRuns[task]), bytes)}  (baseline)  ${againstBaseline(runs[task], baseRuns[task])}`);
    }
  }
  if (options.gigabyteList) {
    const events = 620_000;
    const file = await ensureLog(events, 'eventlist');
    const bytes = statSync(file).size;
    const r = run('ingest', file, measurements, ['--max-old-space-size=128']);
    log(`  ${mb(bytes)} EventList (${label(events)} events) streamed with a 128 MB heap limit:`);
    log(row(r, bytes));
  }
  log(`  load average after: ${load()}`);
}
