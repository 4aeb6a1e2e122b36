// `npm start`'s server (serve.mjs): prints a working URL for a copy of the example workspace, and
// Ctrl+C (SIGINT) stops code-server and removes the copy; given a folder it serves that folder in
// place and leaves it alone; it says which port it took when the wanted one is busy.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './paths.mjs';
import { waitUntil } from './workbench.mjs';

/** Runs serve.mjs with `args` and `env`; resolves its printed URL, output and a stop function. */
async function serve(args, env) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'test/e2e/serve.mjs'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await waitUntil('serve.mjs to print its URL', () => out.match(/http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/)?.[0], 60_000)
    .catch((e) => { child.kill('SIGKILL'); throw new Error(`${e.message}\n${out}`); });
  return {
    url,
    output: () => out,
    folder: decodeURIComponent(new URL(url).searchParams.get('folder')),
    /** Ctrl+C: resolves the exit code once the port is closed. */
    stop: async () => {
      child.kill('SIGINT');
      const code = await Promise.race([exit, new Promise((resolve) => setTimeout(() => resolve('no exit within 30 s'), 30_000))]);
      child.kill('SIGKILL');
      await waitUntil('the port to close', async () => { try { await fetch(url); return false; } catch { return true; } }, 10_000);
      return code;
    },
  };
}

async function answersHtml(url) {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<html/i);
}

test('serve.mjs prints the URL of a working server and cleans up on Ctrl+C', async () => {
  // PORT=0: a free port, so the test never collides with a running `npm start` on 8080
  const s = await serve([], { PORT: '0' });
  assert.ok(fs.existsSync(path.join(s.folder, 'broken-audit-policy.yaml')), `the workspace copy exists: ${s.folder}`);
  await answersHtml(s.url);
  assert.equal(await s.stop(), 0, s.output());
  assert.ok(!fs.existsSync(s.folder), 'the workspace copy is removed');
});

test('`npm start -- FOLDER` serves the folder in place, says which port it took for a busy one, and deletes nothing', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'my-'));
  const mine = path.join(parent, 'my-policies');
  fs.mkdirSync(mine);
  fs.writeFileSync(path.join(mine, 'audit-policy.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
  // the wanted port is taken
  const busy = net.createServer();
  await new Promise((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const taken = busy.address().port;
  try {
    // a relative folder is read from where `npm start` was typed (npm's INIT_CWD), not the repository
    const s = await serve(['my-policies'], { PORT: String(taken), INIT_CWD: parent });
    assert.equal(s.folder, mine, 'the folder itself, not a copy');
    assert.notEqual(new URL(s.url).port, String(taken));
    assert.match(s.output(), new RegExp(`Port ${taken} is in use, so it listens on port ${new URL(s.url).port} instead`));
    assert.match(s.output(), /served in place/);
    await answersHtml(s.url);
    assert.equal(await s.stop(), 0, s.output());
    assert.deepEqual(fs.readdirSync(mine), ['audit-policy.yaml'], 'the folder and its file are left alone');
  } finally {
    busy.close();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test('a folder that does not exist is refused with a message', async () => {
  const child = spawn(process.execPath, [path.join(repoRoot, 'test/e2e/serve.mjs'), path.join(os.tmpdir(), 'no-such-folder-here')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 2);
  assert.match(err, /not a folder: .*no-such-folder-here/);
});
