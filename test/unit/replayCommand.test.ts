// The replay command in-process, with fake streams: the progress line appears on stderr only when
// it is a terminal, says how far the reading is, and is wiped before the summary is printed.
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import type { CliIO } from '../../server/src/cli/io.ts';
import { replayCommand } from '../../server/src/cli/replay.ts';
import { tempFile } from '../helpers/readLogs.ts';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function replay(tty: boolean): Promise<{ status: number; stdout: string; stderr: string }> {
  const event = (i: number) => JSON.stringify({ kind: 'Event', verb: 'get', requestURI: `/healthz/${i % 9}`, user: { username: 'u' }, stage: 'ResponseComplete', level: 'Metadata' });
  const log = tempFile('progress-cli.jsonl', Array.from({ length: 40000 }, (_, i) => event(i)).join('\n'));
  const policy = tempFile('progress-policy.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
  const stdout = new Capture(false);
  const stderr = new Capture(tty);
  const io: CliIO = { stdout, stderr, stdin: Readable.from([]), cwd: process.cwd(), env: {} };
  const status = await replayCommand([policy, log], io);
  return { status, stdout: stdout.text, stderr: stderr.text };
}

test('on a terminal, stderr shows progress (bytes of the total, events) and wipes it at the end', async () => {
  const r = await replay(true);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /^\r\x1b\[Kreplay: [\d.]+ (B|KiB|MiB) of [\d.]+ MiB \(\d+%\) read · [\d,]+ events/);
  assert.ok(r.stderr.endsWith('\r\x1b[K'), JSON.stringify(r.stderr.slice(-40)));
  assert.match(r.stdout, /^Replayed 40,000 events from 1 log/);
});

test('not a terminal: nothing on stderr', async () => {
  const r = await replay(false);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^Replayed 40,000 events/);
});
