// `replay --engine clickhouse`: the policy compiled to SQL (core/sql) and run in embedded ClickHouse
// (chDB) over the log files, printing what the built-in engine prints. ClickHouse reads the files
// itself (gzip or not), one event per line; the lines are cleaned as the built-in reader cleans them
// (a byte order mark at the start of a log, a CR before the newline, blank lines skipped) and keep
// their line numbers, so records, errors and the summary's order are the built-in's.
import { createReadStream, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatKubernetesVersion, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import type { Policy } from '../core/model.ts';
import { MAX_KEPT_ERRORS } from '../core/replay/replayIndex.ts';
import { perEventQuery, summarySql, type SqlSource } from '../core/sql/compileSql.ts';
import { sqlString } from '../core/sql/sqlLiteral.ts';
import { summaryAggregate, type SummaryRow } from '../core/sql/summaryResult.ts';
import { checkLogInput, LogInputError, logChunks, resolveIn, STDIN_NAME } from '../io/logChunks.ts';
import { formatOf, type Format } from '../io/splitLogRecords.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from './io.ts';
import { loadChdb } from './loadChdb.ts';
import { formatReplaySummary } from './replaySummary.ts';

export interface ClickHouseReplay {
  readonly policy: Policy;
  /** As given on the command line. */
  readonly policyName: string;
  readonly logs: readonly string[];
  readonly format: 'summary' | 'jsonl';
  readonly top: number;
  readonly kubernetesVersion: KubernetesVersion;
}

const PREFIX = 'kube-audit-policy replay';

export async function replayWithClickHouse(r: ClickHouseReplay, io: CliIO): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`${PREFIX}: ${message}\n`);
    return EXIT_USAGE;
  };
  const loaded = loadChdb(io.cwd);
  if (!loaded.ok) return fail(loaded.message);
  const inputs: LogFile[] = [];
  for (const log of r.logs) {
    const checked = await checkLogFile(log, resolveIn(io.cwd, log));
    if (typeof checked === 'string') return fail(`${log}: ${checked}`);
    inputs.push(checked);
  }
  // ClickHouse reads glob characters in file() paths as patterns: each log is read through a link of a plain name.
  const dir = mkdtempSync(join(tmpdir(), 'kap-chdb-'));
  try {
    const links = await Promise.all(inputs.map(async (f, i) => {
      const link = join(dir, `${i}.log`);
      symlinkSync(await realpath(f.path), link);
      return { ...f, link };
    }));
    const source = logSource(links);
    const o = { source, kubernetesVersion: r.kubernetesVersion };
    const sql = r.format === 'summary' ? summarySql(r.policy, { ...o, listedErrors: MAX_KEPT_ERRORS }) : perEventQuery(r.policy, o);
    let rows: SummaryRow[];
    try {
      const text = (await loaded.chdb.queryAsync(sql, { format: 'JSONEachRow' })).text();
      rows = text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as SummaryRow);
    } catch (e) {
      // Name the logs as given, not by their links.
      const message = (e instanceof Error ? e.message : String(e)).split(dir).join('').replace(/\/(\d+)\.log/g, (_, i: string) => r.logs[Number(i)] ?? '');
      return fail(`ClickHouse could not replay the logs: ${message.split('\n')[0]}`);
    }
    if (r.format === 'jsonl') return await writeRecords(rows, r.logs, io);
    const aggregate = summaryAggregate(rows, { files: r.logs, rules: r.policy.rules.length });
    await write(io, formatReplaySummary(aggregate, { policy: r.policyName, kubernetesVersion: formatKubernetesVersion(r.kubernetesVersion), topShapes: r.top, topErrors: 20 }));
    return aggregate.totals.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface LogFile {
  readonly path: string;
  readonly gzip: boolean;
}

/** A log ClickHouse can read as JSON lines, or why not (the built-in reader's checks and messages). */
async function checkLogFile(name: string, path: string): Promise<LogFile | string> {
  if (name === STDIN_NAME) return 'standard input cannot be read by --engine clickhouse (it reads files); use the built-in engine';
  // The reader's own checks (missing, a directory, another compression, binary) on the head of
  // the file, read from a stream of ours: closed here, whatever the reader leaves unread.
  const stream = createReadStream(path);
  let head = Buffer.alloc(0);
  try {
    await checkLogInput(name, path);
    let format: Format | undefined;
    for await (const chunk of logChunks(STDIN_NAME, STDIN_NAME, stream, () => undefined)) {
      head = Buffer.concat([head, chunk]);
      format = formatOf(head, false);
      if (format !== undefined) break;
    }
    // A file of one value without a line end is decided only by its end.
    if ((format ?? formatOf(head, true)) === 'values') return 'an EventList, a JSON array or pretty-printed JSON; --engine clickhouse reads JSON lines (one event per line): use the built-in engine';
  } catch (e) {
    if (e instanceof LogInputError) return e.message;
    throw e;
  } finally {
    stream.destroy();
  }
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    return { path, gzip: magic[0] === 0x1f && magic[1] === 0x8b };
  } finally {
    await handle.close();
  }
}

/** The logs' non-blank lines, cleaned as the built-in reader cleans them, with log number and line. */
function logSource(logs: readonly (LogFile & { readonly link: string })[]): SqlSource {
  const BOM = `'\\xEF\\xBB\\xBF'`;
  const files = logs.map(
    (f, i) =>
      `SELECT ${i} AS log, n, if(endsWith(b, '\\r'), substring(b, 1, length(b) - 1), b) AS text FROM (` +
      `SELECT _row_number + 1 AS n, if(n = 1 AND startsWith(line, ${BOM}), substring(line, 4), line) AS b ` +
      `FROM file(${sqlString(f.link)}, 'LineAsString', 'line String', ${f.gzip ? "'gzip'" : "'none'"})) WHERE NOT match(text, '^[ \\t\\r]*$')`,
  );
  return { from: `(${files.join(' UNION ALL ')})`, column: 'text', position: { file: 'log', line: 'n' } };
}

/** One JSON line per record, as the built-in `--format jsonl` writes them. */
async function writeRecords(rows: readonly SummaryRow[], logs: readonly string[], io: CliIO): Promise<number> {
  let errors = 0;
  const lines = rows.map((row) => {
    const at = { file: logs[Number(row['file'])] ?? '', line: Number(row['line']) };
    if (row['error'] !== '') {
      errors++;
      return JSON.stringify({ ...at, error: row['error'] });
    }
    const rule = row['rule'] === null ? null : Number(row['rule']);
    return JSON.stringify({ ...at, rule, level: row['level'], omitStages: row['omitStages'], omitManagedFields: row['omitManagedFields'] });
  });
  await write(io, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Writes in pieces, waiting while the reader is behind; a reader gone away (EPIPE) ends it quietly. */
async function write(io: CliIO, text: string): Promise<void> {
  const PIECE = 1 << 20;
  let closed = false;
  io.stdout.once('error', () => {
    closed = true;
  });
  for (let i = 0; i < text.length && !closed; i += PIECE) {
    if (!io.stdout.write(text.slice(i, i + PIECE))) {
      await new Promise<void>((resolve) => {
        io.stdout.once('drain', resolve);
        io.stdout.once('error', () => resolve());
      });
    }
  }
}
