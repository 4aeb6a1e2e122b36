// `npm start` and `npm test` on a fresh clone: runs `npm ci` when node_modules does not hold what
// package-lock.json pins (missing, or another version of a required package), so the README's two
// commands work without a separate install step and an up-to-date tree is left alone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

const readPackages = (file) => {
  try { return JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')).packages ?? {}; } catch { return undefined; }
};
const locked = readPackages('package-lock.json') ?? {};
// npm keeps what it installed in node_modules/.package-lock.json; optional packages for other
// platforms (esbuild's binaries) are never installed, so only required ones are compared.
const installed = readPackages('node_modules/.package-lock.json');
const stale = installed === undefined ? ['node_modules'] : Object.entries(locked)
  .filter(([name, p]) => name !== '' && !p.optional && !p.link && installed[name]?.version !== p.version)
  .map(([name]) => name);
if (stale.length > 0) {
  console.error(`installing dependencies (npm ci): ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''} not as locked`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
