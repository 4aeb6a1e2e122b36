// Replay ingest benchmark (`npm run bench`): synthetic cluster logs of 100k and 1M events, our
// ingest next to two baselines measured in the same run — reading lines without parsing (the
// floor) and a naive JSON.parse + first-match script — plus re-aggregation after a policy edit
// and peak memory. Each measurement runs in its own process. The machine is shared: CPU time is
// printed beside wall time, and ratios use CPU time, which other load disturbs less.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateAuditLog, type LogShape } from './generateAuditLog.ts';
import type { WorkerResult } from './replayWorker.ts';

const DIR = '.bench';
/** Bump when the generator changes, so stale logs are not measured. */
const GENERATOR_VERSION = 3;
const POLICY = 'test/fixtures/corpus/policies/gce-configure-helper.yaml';
const WORKER = 'scripts/bench/replayWorker.ts';

export interface ReplayBenchOptions {
  readonly sizes: readonly number[];
  /** Also stream a 1 GiB EventList with a small heap (slow; off by default). */
  readonly gigabyteList: boolean;
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

function run(task: string, log: string, nodeFlags: readonly string[] = []): WorkerResult {
  const out = execFileSync(process.execPath, [...nodeFlags, '--import', 'tsx', WORKER, task, log, POLICY], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as WorkerResult;
}

function row(r: WorkerResult, bytes: number, naive: WorkerResult | undefined): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2).padStart(6)} s`;
  const rate = `${((bytes / 1e6) / (r.cpuMs / 1000)).toFixed(0).padStart(5)} MB/s ${Math.round(r.events / (r.cpuMs / 1000)).toLocaleString('en-US').padStart(10)} ev/s`;
  const ratio = naive ? `  x${(naive.cpuMs / r.cpuMs).toFixed(1)} vs naive (wall x${(naive.wallMs / r.wallMs).toFixed(1)})` : '';
  return `    ${r.task.padEnd(7)} cpu ${s(r.cpuMs)}  wall ${s(r.wallMs)}  ${rate}  peak RSS ${r.maxRssMB.toFixed(0)} MB${ratio}`;
}

export async function runReplayBench(options: ReplayBenchOptions, log: (line: string) => void = console.log): Promise<void> {
  log('Replay ingest (CPU-time rates; ratios against the naive JSON.parse + first-match script)');
  for (const events of options.sizes) {
    const file = await ensureLog(events, 'jsonl');
    const bytes = statSync(file).size;
    log(`  ${label(events)} events, ${mb(bytes)} JSON lines, policy ${POLICY}`);
    const floor = run('floor', file);
    const naive = run('naive', file);
    const ingest = run('ingest', file);
    log(row(floor, bytes, undefined) + '  (floor: lines split, not parsed)');
    log(row(naive, bytes, undefined));
    log(row(ingest, bytes, naive));
    log(
      `    re-aggregation after an edit: ${ingest.reaggregateMs!.toFixed(1)} ms (${ingest.loadAndReaggregateMs!.toFixed(1)} ms with re-loading the policy); ` +
        `${ingest.distinctRequests!.toLocaleString('en-US')} distinct requests, ${ingest.buckets!.toLocaleString('en-US')} buckets, heap ${ingest.heapUsedMB!.toFixed(0)} MB`,
    );
  }
  if (options.gigabyteList) {
    const events = 620_000;
    const file = await ensureLog(events, 'eventlist');
    const bytes = statSync(file).size;
    const r = run('ingest', file, ['--max-old-space-size=128']);
    log(`  ${mb(bytes)} EventList (${label(events)} events) streamed with a 128 MB heap limit:`);
    log(row(r, bytes, undefined));
  }
}
