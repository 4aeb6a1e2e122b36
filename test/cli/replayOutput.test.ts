// replay --format jsonl into a slow reader (`| wc -l` on a large log): waiting for stdout to drain,
// chunk after chunk, leaves no listener behind, so Node never warns "MaxListenersExceededWarning".
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import type { CliIO } from '../../server/src/cli/io.ts';
import { replayCommand } from '../../server/src/cli/replay.ts';
import { tempFile } from '../helpers/readLogs.ts';

/** A reader that takes one write at a time, later: stdout is "full" after every write. */
class SlowReader extends Writable {
  lines = 0;
  constructor() {
    super({ highWaterMark: 1 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    for (const b of chunk) if (b === 10) this.lines++;
    setImmediate(done);
  }
}

test('a slow reader of a large jsonl replay: no listener piles up, no warning', async () => {
  const event = (i: number) => JSON.stringify({ kind: 'Event', verb: 'get', requestURI: `/api/v1/namespaces/n${i % 50}/pods/p${i}`, user: { username: `user-${i % 7}` }, stage: 'ResponseComplete', level: 'Metadata', auditID: `a-${i}` });
  // About 30 MB: more than ten 2 MiB read chunks, each followed by a wait for the reader.
  const count = 200_000;
  const log = tempFile('slow-reader.jsonl', Array.from({ length: count }, (_, i) => event(i)).join('\n'));
  const policy = tempFile('slow-reader.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
  const stdout = new SlowReader();
  const stderr = new SlowReader();
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    const io: CliIO = { stdout, stderr, stdin: Readable.from([]), cwd: process.cwd(), env: {} };
    const status = await replayCommand([policy, log, '--format', 'jsonl'], io);
    await new Promise<void>((resolve) => stdout.end(resolve));
    assert.equal(status, 0);
    assert.equal(stdout.lines, count);
    assert.ok(stdout.listenerCount('error') <= 2, `error listeners left: ${stdout.listenerCount('error')}`);
    assert.ok(stdout.listenerCount('drain') <= 1, `drain listeners left: ${stdout.listenerCount('drain')}`);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings.filter((w) => w.includes('MaxListeners')), []);
  } finally {
    process.off('warning', onWarning);
  }
});
