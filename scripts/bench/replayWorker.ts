// One measurement of the replay benchmark, in its own process so its peak memory is its own.
// Usage (bundled, beside the bundled ingest worker): replayWorker.js floor|naive|ingest|single LOG
// POLICY (single: ingest on the main thread only). Prints one JSON line of figures; CPU time is of
// all the process's threads.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import type { Policy } from '../../server/src/core/model.ts';
import { aggregateReplay } from '../../server/src/core/replay/aggregateReplay.ts';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { LineSplitter } from '../../server/src/io/lineSplitter.ts';
import { logChunks } from '../../server/src/io/logChunks.ts';
import { readAuditLogs } from '../../server/src/io/readAuditLogs.ts';
import { median } from './median.ts';

const V = LATEST_KUBERNETES_VERSION;

export interface WorkerResult {
  readonly task: string;
  readonly events: number;
  readonly wallMs: number;
  /** ingest only: until the first answer (the index built, then the policy evaluated over it). */
  readonly firstAnswerMs?: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
  /** ingest only: re-aggregation after an edit (median), with and without loading the policy. */
  readonly reaggregateMs?: number;
  readonly loadAndReaggregateMs?: number;
  readonly distinctRequests?: number;
  readonly buckets?: number;
  readonly heapUsedMB?: number;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Reading line by line without parsing: the reader's own splitting, a sink that only counts. */
async function floor(log: string): Promise<number> {
  let events = 0;
  const splitter = new LineSplitter({ record: () => void events++, error: () => void events++ }, 64 << 20);
  for await (const chunk of logChunks(log, log, undefined, () => undefined)) splitter.push(chunk);
  splitter.end();
  return events;
}

/** What a user would script: readline, JSON.parse per line, attributes, first matching rule. */
async function naive(log: string, policy: Policy): Promise<number> {
  const hits = new Array<number>(policy.rules.length + 1).fill(0);
  let events = 0;
  for await (const line of createInterface({ input: createReadStream(log), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const a = eventToAttributes(JSON.parse(line) as unknown);
    if (!a.ok) continue;
    const rule = firstMatch(policy, a.attributes, V);
    hits[rule === null ? 0 : rule + 1]!++;
    events++;
  }
  return events;
}

/** Policy edits a user might make: a level changed, a rule added at the top, a rule removed. */
function edits(text: string): string[] {
  const firstRule = text.indexOf('  - level:');
  return [
    text.replace('level: None', 'level: Metadata'),
    `${text.slice(0, firstRule)}  - level: RequestResponse\n    verbs: ["patch"]\n${text.slice(firstRule)}`,
    text.replace(/level: Metadata/g, 'level: Request'),
    text,
  ];
}

async function main(): Promise<void> {
  const [task, log, policyPath] = process.argv.slice(2);
  if (task === undefined || log === undefined || policyPath === undefined) throw new Error('usage: replayWorker.ts floor|naive|ingest|single LOG POLICY');
  const policyText = readFileSync(policyPath, 'utf8');
  // Loaded before the clock starts: the same for every task, and no part of reading logs.
  const { policy } = loadPolicy(policyText, V);
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  let result: WorkerResult;
  if (task === 'floor' || task === 'naive') {
    const events = task === 'floor' ? await floor(log) : await naive(log, policy);
    result = { task, events, wallMs: performance.now() - wall0, cpuMs: cpuMs() - cpu0, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  } else {
    const index = new ReplayIndex();
    await readAuditLogs([log], index, task === 'single' ? { parallel: { workers: 0 } } : {});
    const wallMs = performance.now() - wall0;
    const ingestCpu = cpuMs() - cpu0;
    // The first evaluation runs in cold code; naive's time includes its rule matching too.
    aggregateReplay(index, policy, V);
    const firstAnswerMs = performance.now() - wall0;
    const variants = edits(policyText);
    const policies = variants.map((t) => loadPolicy(t, V).policy);
    const agg: number[] = [];
    const loadAgg: number[] = [];
    for (let round = 0; round < 3; round++) {
      variants.forEach((t, i) => {
        let t0 = performance.now();
        aggregateReplay(index, policies[i]!, V);
        agg.push(performance.now() - t0);
        t0 = performance.now();
        aggregateReplay(index, loadPolicy(t, V).policy, V);
        loadAgg.push(performance.now() - t0);
      });
    }
    result = {
      task,
      events: index.events,
      wallMs,
      firstAnswerMs,
      cpuMs: ingestCpu,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      reaggregateMs: median(agg),
      loadAndReaggregateMs: median(loadAgg),
      distinctRequests: index.keys.length,
      buckets: index.bucketCount,
      heapUsedMB: process.memoryUsage().heapUsed / (1 << 20),
    };
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
