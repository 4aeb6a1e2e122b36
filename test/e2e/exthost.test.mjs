// Runs the extension-host suites (test/e2e/exthost, bundled to out/test/exthost) inside code-server:
// the extension is loaded as a development extension, mocha runs in its extension host, and the exit
// code comes back through the workbench (see runExtensionTests).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { exampleWorkspace, repoRoot } from './paths.mjs';
import { startCodeServer } from './server.mjs';
import { runExtensionTests } from './workbench.mjs';

let server;
let workspace;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-'));
  fs.cpSync(exampleWorkspace, workspace, { recursive: true });
  server = await startCodeServer({ workspace });
});

after(async () => {
  await server?.stop();
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

test('extension-host suites pass (mocha in code-server\'s extension host)', async () => {
  const { code, output } = await runExtensionTests({
    server, workspace, extensionPath: repoRoot, testsModule: path.join(repoRoot, 'out/test/exthost/index.js'), timeoutMs: 270_000,
  });
  // mocha's report starts at its first suite title; before it come the workbench's own log lines
  const lines = output.split('\n');
  const start = Math.max(0, lines.findIndex((l) => /^\s{2}\S/.test(l)));
  console.log(lines.slice(start).join('\n'));
  assert.equal(code, 0, `extension-host tests failed (exit ${code}${code === -1 ? ': timed out' : ''}); workbench log:\n`
    + `${lines.slice(0, start).slice(-40).join('\n')}\n${server.logTail()}`);
  assert.match(output, /MOCHA_RESULT failures=0/);
});
