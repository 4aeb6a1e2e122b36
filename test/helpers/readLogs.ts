// Reads logs through the replay reader and returns what it saw, record by record, for tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import type { RequestAttributes } from '../../server/src/core/attributes.ts';
import { readAuditLogs, type ReadOptions, type ReadResult } from '../../server/src/io/readAuditLogs.ts';

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
