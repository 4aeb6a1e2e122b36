// `npm run package` builds a .vsix that installs into a fresh code-server (--install-extension, as a
// user would) and works there: the extension activates and reports a diagnostic.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { exampleWorkspace, repoRoot } from './paths.mjs';
import { extensionFolderName, startCodeServer } from './server.mjs';
import { activeEditor, launchBrowser, openFile, openWorkbench, shot, waitForProblem } from './workbench.mjs';

const vsix = path.join(repoRoot, 'out/kube-audit-policy.vsix');
let server;
let browser;
let workspace;

before(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-'));
  fs.cpSync(exampleWorkspace, workspace, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

afterEach(async (t) => {
  if (browser) await shot(browser.page, `package-${t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
});

test('npm run package builds a .vsix holding the bundles and no sources or node_modules', () => {
  fs.rmSync(vsix, { force: true });
  const r = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
  assert.ok(fs.statSync(vsix).size > 0);
  const ls = spawnSync(path.join(repoRoot, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(ls.status, 0, ls.stderr);
  const files = ls.stdout.split('\n').filter((f) => f !== '');
  for (const f of ['package.json', 'out/extension.js', 'out/server.js', 'out/browser/extension.js', 'out/browser/server.js']) assert.ok(files.includes(f), `${f} is packaged: ${files.join(', ')}`);
  const unwanted = files.filter((f) => /^(node_modules|test|server\/src|client\/src|out\/test)\/|\.map$/.test(f));
  assert.deepEqual(unwanted, [], 'sources, tests, maps and node_modules stay out of the .vsix');
});

test('the .vsix installs into a fresh code-server and reports a diagnostic', async () => {
  assert.ok(fs.existsSync(vsix), 'the previous test built the .vsix');
  server = await startCodeServer({ vsix, workspace });
  const installed = path.join(server.extensionsDir, extensionFolderName(repoRoot));
  assert.ok(fs.lstatSync(installed).isDirectory() && fs.existsSync(path.join(installed, 'out/server.js')), `installed as a copy in ${installed}`);
  browser = await launchBrowser();
  const { page } = browser;
  try {
    await openWorkbench(page, server.url, workspace, 'broken-audit-policy.yaml');
    await openFile(page, 'policies/falco-example-v1beta1.yaml');
    await activeEditor(page).locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await waitForProblem(page, /unsupported-api-version/);
  } catch (e) {
    e.message += `\n${server.logTail()}`;
    throw e;
  }
});
