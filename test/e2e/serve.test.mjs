// `npm start`'s server (serve.mjs): prints a working URL for a copy of the example workspace, and
// Ctrl+C (SIGINT) stops code-server and removes the copy.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './paths.mjs';
import { waitUntil } from './workbench.mjs';

test('serve.mjs prints the URL of a working server and cleans up on Ctrl+C', async () => {
  // PORT=0: a free port, so the test never collides with a running `npm start` on 8080
  const child = spawn(process.execPath, [path.join(repoRoot, 'test/e2e/serve.mjs')], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await waitUntil('serve.mjs to print its URL', () => out.match(/http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/)?.[0], 30_000);
    const folder = decodeURIComponent(new URL(url).searchParams.get('folder'));
    assert.ok(fs.existsSync(path.join(folder, 'broken-audit-policy.yaml')), `the workspace copy exists: ${folder}`);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<html/i);
    child.kill('SIGINT');
    assert.equal(await exit, 0, out);
    assert.ok(!fs.existsSync(folder), 'the workspace copy is removed');
    await waitUntil('the port to close', async () => { try { await fetch(url); return false; } catch { return true; } }, 10_000);
  } finally {
    child.kill('SIGKILL');
  }
});
