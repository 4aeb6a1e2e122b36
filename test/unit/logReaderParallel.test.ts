// JSON lines read on worker threads (ParallelLines + IngestPool) give exactly what the
// single-threaded reader gives: the same records in the same order, the same line numbers and
// messages, the same index, wherever the input is cut into chunks and whichever thread scans a
// piece; and without a worker file the reader falls back to scanning in-thread.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { BatchBuilder } from '../../server/src/io/batchBuilder.ts';
import { IngestPool, ingestWorkerFile } from '../../server/src/io/ingestPool.ts';
import { scanPiece } from '../../server/src/io/parallelLines.ts';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import { readAuditLogs, type ReadOptions } from '../../server/src/io/readAuditLogs.ts';
import { bucketRows, readLogs, tempFile, type Seen } from '../helpers/readLogs.ts';

const LOGS = join(__dirname, '..', 'fixtures', 'corpus', 'logs');
const corpusLines = readdirSync(LOGS).flatMap((f) => readFileSync(join(LOGS, f), 'utf8').split('\n').filter((l) => l.trim() !== ''));

const event = (verb: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', stage: 'ResponseComplete', requestURI: `/api/${verb}`, verb, user: { username: 'alice', groups: ['g'] }, ...extra });

/** Every kind of line the reader treats differently. */
const ODD_LINES = [
  '',
  '   \r',
  '{"kind":"Event","verb":',
  'hello',
  '{"kind": 0}',
  '[1,2]',
  '{"\\u0076erb":"get","requestURI":"/x"}',
  `{"verb":"get","requestURI":"/x","requestObject":${'['.repeat(2000)}${']'.repeat(2000)}}`,
  event('create', { requestObject: { data: 'x'.repeat(3000) } }),
  `${event('patch')}\r`,
  event('get', { user: { username: 'b\\"q', groups: ['"]}'] } }),
];

/** What a read gave, comparable across paths: records with their attributes, and the index. */
function outcome(seen: Seen): unknown {
  const { index } = seen;
  return { records: seen.records, keys: index.keys, buckets: bucketRows(index), events: index.events, errors: index.errors, errorCount: index.errorCount, inputErrors: seen.result.inputErrors };
}

const IN_THREAD: ReadOptions = { parallel: { workers: 0 } };
const ON_WORKERS = (workers: number): ReadOptions => ({ parallel: { workers, minBytes: 0 } });

/** Reads `content` from stdin cut at `cuts` (sorted offsets), in-thread and on workers; both must agree. */
async function checkCuts(label: string, content: Buffer, cuts: readonly number[], options: ReadOptions = {}): Promise<void> {
  const chunks = (): Readable => Readable.from([0, ...cuts].map((c, i, all) => content.subarray(c, all[i + 1] ?? content.length)).filter((c) => c.length > 0));
  const reference = outcome(await readLogs(['-'], { ...options, ...IN_THREAD, stdin: chunks() }));
  for (const workers of [1, 2]) {
    assert.deepEqual(outcome(await readLogs(['-'], { ...options, ...ON_WORKERS(workers), stdin: chunks() })), reference, `${label}, ${workers} worker(s)`);
  }
}

test('the worker entry is found when running from sources', () => {
  assert.match(ingestWorkerFile() ?? '', /ingestWorker\.(ts|js)$/);
});

test('a worker scans a piece exactly as this thread does', async () => {
  const piece = Buffer.from(`${[...corpusLines.slice(0, 200), ...ODD_LINES].join('\n')}\n${event('last')}`);
  const here = scanPiece(new BatchBuilder(), new Uint8Array(piece), 1 << 20);
  const pool = new IngestPool(ingestWorkerFile()!, 1);
  try {
    const sent = pool.post(new Uint8Array(piece), 1 << 20, false);
    assert.ok(sent !== undefined);
    assert.equal(sent.lane, 1);
    const { batch, lines, spare } = await sent.result;
    assert.deepEqual({ batch, lines }, here);
    // The piece's buffer comes back for reuse.
    assert.equal(spare?.byteLength, piece.length);
  } finally {
    await pool.close();
  }
  assert.ok(here.batch.records.length > 0 && here.lines === 200 + ODD_LINES.length + 1);
});

test('corpus and odd lines, cut into chunks anywhere: workers and this thread agree', async () => {
  const content = Buffer.from(`${[...corpusLines, ...ODD_LINES, ...corpusLines.slice(0, 50), ...ODD_LINES].join('\n')}\n${event('unterminated')}`);
  // Cuts inside lines, right after newlines, and chunks smaller than a line.
  await checkCuts('one chunk', content, []);
  await checkCuts('every 997 bytes', content, Array.from({ length: Math.floor(content.length / 997) }, (_, i) => (i + 1) * 997));
  await fc.assert(
    fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: content.length - 1 }), { maxLength: 40 }), async (cuts) => {
      await checkCuts('random cuts', content, [...cuts].sort((a, b) => a - b));
    }),
    { numRuns: 15 },
  );
});

test('lines longer than the limit, within a chunk or across many, are reported with their line', async () => {
  const long = `{"verb":"get","requestURI":"/x","requestObject":"${'y'.repeat(5000)}"}`;
  const content = Buffer.from([event('a'), long, event('b'), long, long, `${long}\r`, event('c'), long].join('\n'));
  for (const step of [700, 3000, 4999, 5100, 20000]) {
    const cuts = Array.from({ length: Math.floor((content.length - 1) / step) }, (_, i) => (i + 1) * step);
    await checkCuts(`limit 2048, chunks of ${step}`, content, cuts, { maxEventBytes: 2048 });
  }
  const { records } = await readLogs(['-'], { ...ON_WORKERS(1), maxEventBytes: 2048, stdin: Readable.from([content]) });
  assert.deepEqual(
    records.map((r) => [r.line, 'error' in r ? r.error : r.attributes.verb]),
    [[1, 'a'], [2, `line is longer than 0 MiB (${long.length} bytes); not read`], [3, 'b'], [4, `line is longer than 0 MiB (${long.length} bytes); not read`], [5, `line is longer than 0 MiB (${long.length} bytes); not read`], [6, `line is longer than 0 MiB (${long.length} bytes); not read`], [7, 'c'], [8, `line is longer than 0 MiB (${long.length} bytes); not read`]],
  );
});

test('several files, gzip and a truncated gzip: same records in the same order on both paths', async () => {
  const many = Array.from({ length: 30000 }, (_, i) => event(`v${i % 97}`, { objectRef: { resource: 'pods', name: `p${i % 1013}` } })).join('\n');
  const whole = gzipSync(many);
  const files = [
    tempFile('p-plain.log', `${many}\n${ODD_LINES.join('\n')}\n`),
    tempFile('p-zipped.log.gz', whole),
    tempFile('p-cut.log.gz', whole.subarray(0, Math.floor(whole.length * 0.7))),
    tempFile('p-last.log', `${event('last')}\n`),
  ];
  const reference = outcome(await readLogs(files, IN_THREAD));
  assert.deepEqual(outcome(await readLogs(files, ON_WORKERS(1))), reference);
  assert.deepEqual(outcome(await readLogs(files, ON_WORKERS(2))), reference);
  const seen = await readLogs(files, ON_WORKERS(1));
  assert.deepEqual(
    [...new Set(seen.records.map((r) => r.file))],
    files,
    'records come file by file, in the order given',
  );
  assert.equal(seen.result.inputErrors.length, 1);
});

test('without a worker file the reader scans in-thread and gives the same', async () => {
  const path = tempFile('p-fallback.log', `${[...corpusLines, ...ODD_LINES].join('\n')}\n`);
  const reference = outcome(await readLogs([path], IN_THREAD));
  assert.deepEqual(outcome(await readLogs([path], { parallel: { workers: 1, minBytes: 0, workerFile: undefined } })), reference);
  assert.deepEqual(outcome(await readLogs([path], ON_WORKERS(1))), reference);
});

test('without onRecord, events of one request, stage and level are summed per batch: the same index', async () => {
  const many = Array.from({ length: 20000 }, (_, i) => event(`v${i % 7}`, { stage: i % 3 ? 'ResponseComplete' : 'RequestReceived', requestObject: { n: 'x'.repeat(i % 50) } }));
  const path = tempFile('p-summed.log', `${[...many, ...ODD_LINES, ...corpusLines].join('\n')}\n`);
  const reference = outcome(await readLogs([path], IN_THREAD)) as { records: unknown };
  const { records, ...index } = reference as Record<string, unknown>;
  assert.ok(Array.isArray(records) && records.length > 20000);
  for (const options of [IN_THREAD, ON_WORKERS(1)]) {
    const summed = new ReplayIndex();
    const result = await readAuditLogs([path], summed, options);
    const { records: none, ...got } = outcome({ records: [], index: summed, result }) as Record<string, unknown>;
    assert.deepEqual(none, []);
    assert.deepEqual(got, index);
  }
});
