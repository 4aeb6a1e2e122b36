// `kube-audit-policy replay POLICY LOG... [--format summary|jsonl] [--kubernetes-version 1.N]`:
// evaluates recorded audit events against a policy. jsonl prints one line per event (or
// unreadable line) in input order; summary prints the aggregate the replay panel shows.
// Exit 0 when every line was an audit Event, 1 when some were not (each is reported),
// 2 for bad arguments or a policy or log that cannot be read (or not to its end).
import { effectOf, firstMatch } from '../core/evaluate/evaluate.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import { loadPolicy } from '../core/load/loadPolicy.ts';
import type { Policy } from '../core/model.ts';
import { aggregateReplay } from '../core/replay/aggregateReplay.ts';
import { ReplayIndex } from '../core/replay/replayIndex.ts';
import { checkLogInput, LogInputError, resolveIn, STDIN_NAME } from '../io/logChunks.ts';
import { readAuditLogs, type LogRecord, type ReadProgress } from '../io/readAuditLogs.ts';
import { formatOption, parseCommandArgs, versionOption } from './args.ts';
import { readOnePolicy } from './inputs.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, tell, UsageError, type CliIO, type Command } from './io.ts';
import { replayWithClickHouse } from './replayClickHouse.ts';
import { formatBytes, formatReplaySummary } from './replaySummary.ts';

const USAGE = `Usage: kube-audit-policy replay POLICY LOG... [options]

Evaluates recorded audit events (audit.k8s.io Events) against POLICY, as kube-apiserver's policy
checker would. LOG: JSON lines (the log backend's format), an EventList or a JSON array of events,
gzip-compressed or not; "-" reads standard input.

Options:
  --format summary|jsonl       summary: totals, rules, request shapes (default);
                               jsonl: one line per event, in input order
  --kubernetes-version 1.N     the kube-apiserver release (default: the config file's, else ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})
  --top N                      request shapes listed in the summary (default: 20)
  --engine builtin|clickhouse  clickhouse: the policy compiled to SQL (kube-audit-policy sql) and run
                               in embedded ClickHouse, the optional chdb package (JSON-lines files only)
  -h, --help                   show this help

Exit status: 0 every line was an audit Event, 1 some lines were not (each is reported),
2 usage error or a policy or log that could not be read.`;

export const replayCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { top: { type: 'string' }, engine: { type: 'string' } });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const [policyPath, ...logs] = positionals;
  if (policyPath === undefined || logs.length === 0) throw new UsageError('a policy and at least one log are needed', USAGE);
  const format = formatOption(values.format, ['summary', 'jsonl']);
  const top = values.top === undefined ? 20 : Number(values.top);
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top '${values.top}' is not a whole number`);
  if (positionals.filter((p) => p === STDIN_NAME).length > 1) throw new UsageError('standard input ("-") can be given only once');
  const version = versionOption(values['kubernetes-version']);
  const engine = values.engine ?? 'builtin';
  if (engine !== 'builtin' && engine !== 'clickhouse') throw new UsageError(`unknown engine '${engine}' (expected builtin or clickhouse)`);

  const read = await readOnePolicy('replay', policyPath, io, version);
  if (!read) return EXIT_USAGE;
  const v = read.settings.kubernetesVersion;
  const { policy, findings } = loadPolicy(read.text, v);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) {
    tell(io, 'replay', `warning: ${policyPath} has ${errors} error${errors === 1 ? '' : 's'} (kube-apiserver would refuse it); replaying the rules that could be read (see 'kube-audit-policy lint')`);
  }
  // Fail before any output when a log is plainly missing.
  let totalBytes: number | undefined = 0;
  for (const log of logs) {
    try {
      const size = await checkLogInput(log, resolveIn(io.cwd, log));
      totalBytes = size === undefined || totalBytes === undefined ? undefined : totalBytes + size;
    } catch (e) {
      if (!(e instanceof LogInputError)) throw e;
      tell(io, 'replay', `${log}: ${e.message}`);
      return EXIT_USAGE;
    }
  }

  if (engine === 'clickhouse') return replayWithClickHouse({ policy, policyName: policyPath, logs, format, top, kubernetesVersion: v }, io);

  const index = new ReplayIndex();
  // A reader that went away (`| head`) ends the replay quietly.
  const stop = new AbortController();
  const out = new Output(io.stdout, () => stop.abort());
  const progress = progressLine(io, totalBytes);
  const onRecord = format === 'jsonl' ? jsonlWriter(index, policy, v, out) : undefined;
  let result: Awaited<ReturnType<typeof readAuditLogs>>;
  try {
    result = await readAuditLogs(logs, index, {
      stdin: io.stdin,
      cwd: io.cwd,
      signal: stop.signal,
      onRecord,
      onProgress: progress.update,
      afterChunk: () => out.flush(),
    });
  } catch (e) {
    progress.clear();
    if (stop.signal.aborted) return EXIT_OK;
    throw e;
  }
  progress.clear();
  for (const e of result.inputErrors) tell(io, 'replay', `${e.file}: ${e.message}`);
  if (format === 'summary') {
    const aggregate = aggregateReplay(index, policy, v);
    out.write(formatReplaySummary(aggregate, { policy: policyPath, kubernetesVersion: formatKubernetesVersion(v), topShapes: top, topErrors: 20 }));
  }
  await out.flush();
  if (result.inputErrors.length > 0) return EXIT_USAGE;
  return index.errorCount > 0 ? EXIT_FINDINGS : EXIT_OK;
};

/** One output line per record; the rule of each distinct request is found once. */
function jsonlWriter(index: ReplayIndex, policy: Policy, v: KubernetesVersion, out: Output): (r: LogRecord) => void {
  // The part of the line after "line": per rule (slot 0: no rule matched).
  const tails = [null, ...policy.rules].map((rule) => {
    const e = effectOf(policy, rule);
    return `,"rule":${rule === null ? 'null' : rule.index},"level":"${e.level}","omitStages":${JSON.stringify(e.omitStages)},"omitManagedFields":${e.omitManagedFields}}\n`;
  });
  const slotOfKey: number[] = [];
  const fileJson = new Map<string, string>();
  return (r) => {
    let file = fileJson.get(r.file);
    if (file === undefined) {
      file = `{"file":${JSON.stringify(r.file)},"line":`;
      fileJson.set(r.file, file);
    }
    if ('error' in r) {
      out.write(`${file}${r.line ?? 'null'},"error":${JSON.stringify(r.error)}}\n`);
      return;
    }
    let slot = slotOfKey[r.key];
    if (slot === undefined) {
      slot = (firstMatch(policy, index.keys[r.key]!, v) ?? -1) + 1;
      slotOfKey[r.key] = slot;
    }
    out.write(`${file}${r.line}${tails[slot]}`);
  };
}

/**
 * Buffers output and waits when stdout is full, so a slow reader keeps memory bounded. When the
 * reader goes away (EPIPE), output stops and `onClosed` is called.
 */
class Output {
  private parts: string[] = [];
  private size = 0;
  private closed = false;

  constructor(
    private readonly stream: CliIO['stdout'],
    onClosed: () => void,
  ) {
    // Other write errors are the entry's (cli.ts) to report.
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') return;
      this.closed = true;
      onClosed();
    });
  }

  write(s: string): void {
    if (this.closed) return;
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) void this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length > 0 && !this.closed) {
      const text = this.parts.join('');
      this.parts = [];
      this.size = 0;
      this.stream.write(text);
    }
    if (!this.closed && (this.stream as { writableNeedDrain?: boolean }).writableNeedDrain) {
      // Both listeners go when either fires: a wait per chunk must not pile up listeners.
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('error', done);
      });
    }
  }
}

/** A progress line on stderr, only when it is a terminal, at most ten times a second. */
function progressLine(io: CliIO, totalBytes: number | undefined): { update: (p: ReadProgress) => void; clear: () => void } {
  if (!io.stderr.isTTY) return { update: () => undefined, clear: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const file = p.fileCount > 1 ? ` · log ${p.fileIndex + 1}/${p.fileCount}` : '';
      const of = totalBytes ? ` of ${formatBytes(totalBytes)} (${Math.floor((100 * p.bytes) / totalBytes)}%)` : '';
      io.stderr.write(`\r\x1b[Kreplay: ${formatBytes(p.bytes)}${of} read · ${p.events.toLocaleString('en-US')} events${file}`);
    },
    clear: () => {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}
