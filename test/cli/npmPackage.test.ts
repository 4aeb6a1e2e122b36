// The command line as people install it: `npm pack` makes a tarball of the `files` whitelist (built
// bundles, no sources, tests or maps), which installs from the npm cache alone (`--offline`: it has
// no dependencies) into an empty project, where `npx kube-audit-policy` runs: --version, and lint on
// a corpus policy. Needs `npm run build` first, as the other CLI tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { version } from '../../package.json';
import { CLI, ROOT } from './cliRun.ts';

const work = mkdtempSync(join(tmpdir(), 'kap-npm-'));
const project = join(work, 'project');
let tarball = '';
let packed: string[] = [];

/** npm or npx, without the npm_config_* settings a parent `npm test` exports (its prefix, its scripts). */
const run = (tool: 'npm' | 'npx', args: readonly string[], cwd: string) => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return spawnSync(tool, [...args], { cwd, encoding: 'utf8', env: { ...env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
};
let report = '';

before(() => {
  assert.ok(existsSync(CLI), 'out/cli.js is missing: run `npm run build` first');
  // --ignore-scripts: pack the build the other tests use, without building again.
  const r = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  assert.equal(r.status, 0, r.stderr);
  const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[]; size: number; unpackedSize: number }[];
  assert.ok(info);
  tarball = join(work, info.filename);
  packed = info.files.map((f) => f.path);
  report = `npm package ${info.filename}: ${(info.size / 1024).toFixed(0)} KiB packed, ${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${packed.length} files`;
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "probe", "version": "1.0.0", "private": true }\n');
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the tarball holds the bundles, licence, notice and docs, and no sources, tests or maps', (t) => {
  t.diagnostic(report);
  for (const f of ['package.json', 'README.md', 'LICENSE', 'NOTICE', 'CHANGELOG.md', 'out/cli.js', 'out/ingestWorker.js', 'out/server.js', 'docs/codes/shadowed-rule.md']) {
    assert.ok(packed.includes(f), `${f} is packed`);
  }
  assert.deepEqual(packed.filter((f) => /^(server|client\/src|test|scripts|node_modules)\/|\.map$|\.ts$/.test(f)), []);
});

test('it installs offline into an empty project and runs there: --version, lint', () => {
  const install = run('npm', ['install', '--offline', '--no-package-lock', tarball], project);
  assert.equal(install.status, 0, install.stderr);
  const npx = (args: readonly string[]) => run('npx', ['--offline', 'kube-audit-policy', ...args], project);

  const v = npx(['--version']);
  assert.equal(v.status, 0, v.stderr);
  assert.equal(v.stdout.trim(), version);

  copyFileSync(join(ROOT, 'test/fixtures/corpus/policies/falco-example-v1beta1.yaml'), join(project, 'falco.yaml'));
  copyFileSync(join(ROOT, 'test/fixtures/corpus/policies/audicia.yaml'), join(project, 'audicia.yaml'));
  const clean = npx(['lint', 'audicia.yaml']);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  const refused = npx(['lint', 'falco.yaml', '--format', 'json']);
  assert.equal(refused.status, 1, refused.stderr);
  const codes = (JSON.parse(refused.stdout) as { code: string }[]).map((e) => e.code);
  assert.ok(codes.includes('unsupported-api-version'), codes.join(', '));
});
