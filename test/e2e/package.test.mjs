// `npm run package` builds a .vsix (its size reported and bounded) that installs into a fresh
// code-server (--install-extension, as a user would) and works there: the extension activates and
// reports a diagnostic.
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

// The .vsix stays small: today about 1.4 MiB, nearly all of it the desktop and browser bundles (not
// minified: stack traces in bug reports stay readable). The bound catches what would slip in by
// mistake (node_modules, source maps, fixtures, screenshots are megabytes).
const VSIX_LIMIT = 2 * 1024 * 1024;

test('npm run package builds a small .vsix holding what the extension runs and no sources or node_modules', (t) => {
  fs.rmSync(vsix, { force: true });
  const r = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
  const size = fs.statSync(vsix).size;
  t.diagnostic(`out/kube-audit-policy.vsix: ${(size / 1024).toFixed(0)} KiB`);
  assert.ok(size > 0 && size < VSIX_LIMIT, `the .vsix is ${size} bytes`);
  const ls = spawnSync(path.join(repoRoot, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(ls.status, 0, ls.stderr);
  const files = ls.stdout.split('\n').filter((f) => f !== '');
  const needed = ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'NOTICE', 'CHANGELOG.md', 'out/extension.js', 'out/server.js', 'out/ingestWorker.js',
    'out/browser/extension.js', 'out/browser/server.js', 'out/webview/main.js', 'schemas/audit-policy.schema.json', 'images/icon.png', 'docs/codes/shadowed-rule.md',
    'client/starters/cis-benchmark.yaml', 'client/walkthrough/open-policy.md'];
  for (const f of needed) assert.ok(files.includes(f), `${f} is packaged: ${files.join(', ')}`);
  const unwanted = files.filter((f) => /^(node_modules|test|server\/src|client\/src|out\/test)\/|\.map$/.test(f));
  assert.deepEqual(unwanted, [], 'sources, tests, maps and node_modules stay out of the .vsix');
});

test('the .vsix installs into a fresh code-server and reports a diagnostic', async () => {
  assert.ok(fs.existsSync(vsix), 'the previous test built the .vsix');
  server = await startCodeServer({ vsix, workspace });
  const installed = path.join(server.extensionsDir, extensionFolderName(repoRoot));
  assert.ok(fs.lstatSync(installed).isDirectory() && fs.existsSync(path.join(installed, 'out/server.js')), `installed as a copy in ${installed}`);
  for (const f of ['docs/codes/unsupported-api-version.md', 'client/starters/cis-benchmark.yaml']) assert.ok(fs.existsSync(path.join(installed, f)), `${f} is installed (opened offline)`);
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
