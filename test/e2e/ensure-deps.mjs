// `npm start` and `npm test` on a fresh clone: runs `npm ci` when node_modules is missing or older
// than package-lock.json, so the README's two commands work without a separate install step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

const mtime = (f) => { try { return fs.statSync(path.join(repoRoot, f)).mtimeMs; } catch { return 0; } };
if (mtime('node_modules/.package-lock.json') < mtime('package-lock.json')) {
  console.error('installing dependencies (npm ci) ...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
