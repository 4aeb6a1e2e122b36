// The same extension-host suites in a desktop VS Code downloaded by @vscode/test-electron, for
// machines that can reach update.code.visualstudio.com (CI here cannot: it uses exthost.test.mjs).
// Needs a display (or xvfb-run). env: VSCODE_VERSION (default `stable`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { exampleWorkspace, repoRoot } from './paths.mjs';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-'));
fs.cpSync(exampleWorkspace, workspace, { recursive: true });
try {
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out/test/exthost/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
  });
} catch (e) {
  console.error(`extension-host tests failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
