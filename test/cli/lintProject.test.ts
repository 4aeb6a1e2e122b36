// lint as ESLint is used on a repository: directories and globs (only audit policies, by header or
// `files` pattern, each once), findings grouped per file with a code frame and a summary, --quiet,
// --max-warnings, --version, one not-a-policy finding for a file that is plainly something else,
// and no "No problems found in 0 files." next to an input error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { folder, HEADER, ROOT, runCli } from './cliRun.ts';

const CLEAN = `${HEADER}rules:\n- level: None\n  nonResourceURLs: ["/healthz*"]\n- level: Metadata\n`;
const TYPO = `${HEADER}rules:\n- level: None\n  nonResourceURLs: ["/healthz*"]\n- level: Metadata\n  verb: [get]\n`;
const REFUSED = 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n';

interface Entry {
  readonly file: string;
  readonly code: string;
  readonly severity: string;
}
const entries = (stdout: string): Entry[] => JSON.parse(stdout) as Entry[];

const REPO = {
  'clusters/prod/audit.yaml': TYPO,
  'clusters/dev/policy.yml': REFUSED,
  'clusters/dev/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n',
  'clusters/dev/values.yaml': 'replicas: 3\n',
  // No header, but the default `files` pattern (**/*audit*policy*.y{a,}ml) names it.
  'clusters/dev/audit-policy.yaml': 'rules:\n- level: Metadata\n',
  'node_modules/pkg/audit.yaml': REFUSED,
  'README.md': '# policies\n',
};

test('a directory: every policy below it, by header or files pattern, in path order; other YAML and node_modules left alone', () => {
  const dir = folder(REPO);
  const r = runCli(['lint', '--format', 'json', 'clusters'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual([...new Set(entries(r.stdout).map((e) => e.file))], ['clusters/dev/audit-policy.yaml', 'clusters/dev/policy.yml', 'clusters/prod/audit.yaml']);
  const text = runCli(['lint', '.'], { cwd: dir });
  assert.match(text.stdout, /in 3 files\.\n$/);
  assert.doesNotMatch(text.stdout, /node_modules|deployment|values/);
});

test('a glob in quotes: the policies it names; a file given twice is linted once', () => {
  const dir = folder(REPO);
  const r = runCli(['lint', '--format', 'json', 'clusters/*/*.yaml', 'clusters/prod/audit.yaml'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual([...new Set(entries(r.stdout).map((e) => e.file))], ['clusters/dev/audit-policy.yaml', 'clusters/prod/audit.yaml']);
  assert.equal(entries(r.stdout).filter((e) => e.code === 'unknown-field').length, 1);
  const deep = runCli(['lint', '--format', 'json', '**/*.yml'], { cwd: dir });
  assert.deepEqual([...new Set(entries(deep.stdout).map((e) => e.file))], ['clusters/dev/policy.yml']);
  const none = runCli(['lint', 'clusters/*/*.json'], { cwd: dir });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /clusters\/\*\/\*\.json: no such file, and no file matches it as a glob/);
  assert.equal(none.stdout, '');
});

test('text: findings grouped per file with a code frame whose carets sit under the offending text, then a summary', () => {
  const dir = folder({ 'a.yaml': TYPO, 'b.yaml': REFUSED, 'c.yaml': CLEAN });
  const r = runCli(['lint', 'a.yaml', 'b.yaml', 'c.yaml'], { cwd: dir });
  assert.equal(r.status, 1);
  const [first, second, summary] = r.stdout.split('\n\n');
  assert.match(first ?? '', /^a\.yaml:7:3: warning unknown-field: [^\n]*\n7 \|   verb: \[get\]\n  \|   \^\^\^\^(\n|$)/);
  assert.doesNotMatch(first ?? '', /b\.yaml/);
  assert.match(second ?? '', /^b\.yaml:1:13: error unsupported-api-version: [^\n]*\n1 \| apiVersion: audit\.k8s\.io\/v1beta1\n  \|             \^{20}(\n|$)/);
  assert.match(summary ?? '', /\b1 error, \d+ warnings? in 3 files\.\n$/);
  assert.doesNotMatch(r.stdout, /\u001b/);
});

test('text: a policy written in one long line: its frame is cut to a window around the carets', () => {
  const long = `${HEADER}rules: [${Array.from({ length: 300 }, (_, i) => `{level: Metadata, users: [u${i}]}`).join(', ')}, {level: Metadata, verb: [get]}]\n`;
  const dir = folder({ 'long.yaml': long });
  const r = runCli(['lint', 'long.yaml'], { cwd: dir });
  const frame = r.stdout.split('\n').filter((l) => l.startsWith('3 |'));
  assert.ok(frame.length > 0, r.stdout);
  for (const l of frame) assert.ok(l.length < 200, l);
  assert.match(r.stdout, /3 \| …[^\n]*verb: \[get\][^\n]*\n  \| +\^\^\^\^\n/);
});

test('--quiet reports errors only; --max-warnings N exits 1 past N warnings', () => {
  const dir = folder({ 'a.yaml': TYPO, 'b.yaml': REFUSED });
  const quiet = runCli(['lint', '--quiet', '--format', 'json', 'a.yaml', 'b.yaml'], { cwd: dir });
  assert.deepEqual([...new Set(entries(quiet.stdout).map((e) => e.severity))], ['error']);
  assert.equal(quiet.status, 1);
  const quietText = runCli(['lint', '--quiet', 'a.yaml'], { cwd: dir });
  assert.deepEqual([quietText.status, quietText.stdout], [0, 'No problems found in 1 file.\n']);
  const under = runCli(['lint', '--max-warnings', '1', 'a.yaml'], { cwd: dir });
  assert.equal(under.status, 0, under.stderr);
  const over = runCli(['lint', '--max-warnings', '0', 'a.yaml'], { cwd: dir });
  assert.equal(over.status, 1);
  assert.match(over.stderr, /1 warnings, more than --max-warnings 0/);
  const overQuiet = runCli(['lint', '--quiet', '--max-warnings', '0', 'a.yaml'], { cwd: dir });
  assert.equal(overQuiet.status, 1, 'warnings count even when --quiet hides them');
  const bad = runCli(['lint', '--max-warnings', 'many', 'a.yaml'], { cwd: dir });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--max-warnings 'many' is not a whole number/);
});

test('--version prints package.json\'s version', () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-v']) assert.deepEqual(runCli([flag]), { status: 0, stdout: `${version}\n`, stderr: '' });
  assert.match(runCli(['--help']).stdout, /--version/);
});

test('an audit log given to lint: one not-a-policy finding saying what it is, not thousands', () => {
  const log = readFileSync(join(ROOT, 'test/fixtures/corpus/logs/audit2rbac-demo.jsonl'), 'utf8');
  const dir = folder({ 'audit.log': log, 'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\n', 'half.yaml': 'rules:\n- level: Metadata\n' });
  const r = runCli(['lint', '--format', 'json', 'audit.log', 'deploy.yaml'], { cwd: dir });
  assert.equal(r.status, 1);
  const found = JSON.parse(r.stdout) as { file: string; code: string; message: string; severity: string }[];
  assert.deepEqual(found.map((e) => [e.file, e.code, e.severity]), [['audit.log', 'not-a-policy', 'error'], ['deploy.yaml', 'not-a-policy', 'error']]);
  assert.match(found[0]?.message ?? '', /audit log.*kube-audit-policy replay/);
  assert.match(found[1]?.message ?? '', /Kubernetes "Deployment" of "apps\/v1"/);
  // A half-written policy (no header) named on its own is still checked as one.
  const half = runCli(['lint', '--format', 'json', 'half.yaml'], { cwd: dir });
  assert.ok((JSON.parse(half.stdout) as { code: string }[]).some((e) => e.code === 'missing-api-version'));
  // As every code, it can be turned off.
  assert.deepEqual(runCli(['lint', '--severity', 'not-a-policy=off', 'audit.log'], { cwd: dir }), { status: 0, stdout: 'No problems found in 1 file.\n', stderr: '' });
});

test('a missing file or a directory without policies: the error alone, nothing on stdout', () => {
  const dir = folder({ 'a.yaml': CLEAN, 'empty/notes.txt': 'x' });
  for (const args of [['missing.yaml'], ['empty'], ['a.yaml', 'missing.yaml']]) {
    const r = runCli(['lint', ...args], { cwd: dir });
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.doesNotMatch(r.stderr, /No problems/);
  }
});
