// Reads logs through the replay reader and returns what it saw, record by record, for tests.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import type { RequestAttributes } from '../../server/src/core/attributes.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { readAuditLogs, type ReadOptions, type ReadResult } from '../../server/src/io/readAuditLogs.ts';
import type { ListSink } from '../../server/src/io/recordSink.ts';

export type SeenRecord =
  | { readonly file: string; readonly line: number; readonly attributes: RequestAttributes }
  | { readonly file: string; readonly line: number | null; readonly error: string };

export interface Seen {
  readonly records: SeenRecord[];
  readonly index: ReplayIndex;
  readonly result: ReadResult;
}

export async function readLogs(paths: readonly string[], options: ReadOptions = {}): Promise<Seen> {
  const index = new ReplayIndex();
  const records: SeenRecord[] = [];
  const result = await readAuditLogs(paths, index, {
    ...options,
    onRecord: (r) => records.push('error' in r ? r : { file: r.file, line: r.line, attributes: index.keys[r.key]! }),
  });
  return { records, index, result };
}

let dir: string | undefined;

/** Writes `content` to a fresh temporary file (removed when the test process exits) and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  if (dir === undefined) {
    const created = mkdtempSync(join(tmpdir(), 'kap-replay-'));
    dir = created;
    process.on('exit', () => rmSync(created, { recursive: true, force: true }));
  }
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The index's buckets as rows (key, stage * 5 + level, events, bytes, request body, response body), for comparing indexes. */
export function bucketRows(index: ReplayIndex): number[][] {
  return Array.from({ length: index.bucketCount }, (_, b) => [
    index.bucketKey[b]!,
    index.bucketStageLevel[b]!,
    index.bucketEvents[b]!,
    index.bucketBytes[b]!,
    index.bucketRequestBodyBytes[b]!,
    index.bucketResponseBodyBytes[b]!,
  ]);
}

/** Expected record: [line, verb] for an event, [line, /error/] for an error. */
export type Expected = readonly [number | null, string | RegExp];

export function summary(records: readonly SeenRecord[]): Expected[] {
  return records.map((r) => ('error' in r ? [r.line, r.error] : [r.line, r.attributes.verb]));
}

/** Both ways of reading JSON lines: on this thread, and on a worker thread whatever the size. */
export const PATHS: readonly (readonly [string, ReadOptions])[] = [
  ['in-thread', { parallel: { workers: 0 } }],
  ['worker', { parallel: { workers: 1, minBytes: 0 } }],
];

/** Reads `content` as a file both ways and compares the records with `expected`. */
export async function check(label: string, content: string | Buffer, expected: readonly Expected[], maxEventBytes?: number): Promise<void> {
  const path = tempFile(`${label.replace(/\W+/g, '-')}.log`, content);
  for (const [how, options] of PATHS) {
    const { records } = await readLogs([path], maxEventBytes === undefined ? options : { ...options, maxEventBytes });
    const got = summary(records);
    const name = `${label} (${how})`;
    assert.equal(got.length, expected.length, `${name}: ${JSON.stringify(got)}`);
    expected.forEach(([l, what], i) => {
      const [gl, gwhat] = got[i]!;
      assert.equal(gl, l, `${name}: record ${i} line`);
      if (typeof what === 'string') assert.equal(gwhat, what, `${name}: record ${i}`);
      else assert.match(String(gwhat), what, `${name}: record ${i}`);
    });
    for (const r of records) assert.equal(r.file, path);
  }
}

/** An audit Event of verb `verb` (its requestURI /api/VERB), with `extra` fields. */
export const auditEvent = (verb: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  stage: 'ResponseComplete',
  requestURI: `/api/${verb}`,
  verb,
  user: { username: 'alice', groups: ['system:authenticated'] },
  ...extra,
});

/** The same as one JSON line. */
export const eventLine = (verb: string, extra?: Record<string, unknown>): string => JSON.stringify(auditEvent(verb, extra));

/** What JSON.parse + eventToAttributes say about one line: the reference the reader must agree with. */
export function judgeAlone(text: string): { attributes: RequestAttributes } | { error: string } {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message}` };
  }
  const r = eventToAttributes(event);
  return r.ok ? { attributes: r.attributes } : { error: r.error };
}

/** A sink that writes what it is given as text (`line:bytes`, `line!error`), withdrawing held records as the reader does. */
export function recordingSink(out: string[]): ListSink {
  let held = -1;
  return {
    record: (b, s, e, n) => void out.push(`${n}:${b.toString('utf8', s, e)}`),
    error: (n, m) => void out.push(`${n}!${m}`),
    hold: () => void (held = out.length),
    settle: (keep) => void (keep ? undefined : out.splice(held)),
  };
}
