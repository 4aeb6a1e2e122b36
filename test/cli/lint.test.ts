// `kube-audit-policy lint` as a user runs it: spawns the built out/cli.js (run `npm run build` first)
// and checks exit codes, the three formats, stdin and unreadable inputs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CODES, type Code } from '../../server/src/core/codes.ts';
import { codeDocumentationUrl } from '../../server/src/core/describe/codeDocumentationUrl.ts';
import { runWithReaderGoingAway } from '../helpers/readerGoesAway.ts';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli.js');
const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus', 'policies');
const TMP = mkdtempSync(join(tmpdir(), 'kap-lint-'));

const GOOD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  nonResourceURLs: ["/healthz*"]\n- level: Metadata\n';
const V1BETA1 = 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n';
const file = (name: string, content: string | Buffer): string => {
  const p = join(TMP, name);
  writeFileSync(p, content);
  return p;
};

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], input?: string): Run {
  assert.ok(existsSync(CLI), 'out/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd: TMP, input: input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonEntry {
  readonly file: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly rule: number | null;
}
const json = (r: Run): JsonEntry[] => JSON.parse(r.stdout) as JsonEntry[];

interface ExitCase {
  readonly name: string;
  readonly args: () => readonly string[];
  readonly stdin?: string;
  readonly status: number;
  readonly stderr?: RegExp;
}

const EXIT_CASES: readonly ExitCase[] = [
  { name: 'a policy kube-apiserver accepts exits 0', args: () => [file('good.yaml', GOOD)], status: 0 },
  { name: 'a policy kube-apiserver refuses exits 1', args: () => [file('old.yaml', V1BETA1)], status: 1 },
  { name: 'the same policy on 1.23 only warns', args: () => [file('old.yaml', V1BETA1), '--kubernetes-version', '1.23'], status: 0 },
  { name: 'an override can lower an error', args: () => [file('old.yaml', V1BETA1), '--severity', 'unsupported-api-version=warning'], status: 0 },
  { name: 'an override can raise a warning', args: () => [file('typo.yaml', `${GOOD}  verb: [get]\n`), '--severity', 'unknown-field=error'], status: 1 },
  { name: 'stdin', args: () => ['-'], stdin: V1BETA1, status: 1 },
  { name: 'no file', args: () => [], status: 2, stderr: /no policy file given/ },
  { name: 'a missing file', args: () => ['nope.yaml'], status: 2, stderr: /nope\.yaml: no such file/ },
  { name: 'a directory without policies', args: () => [emptyDirectory()], status: 2, stderr: /no audit policy found/ },
  { name: 'a binary file', args: () => [file('bin.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]))], status: 2, stderr: /binary file/ },
  { name: 'invalid UTF-8', args: () => [file('latin1.yaml', Buffer.from('users: [caf\xe9]\n', 'latin1'))], status: 2, stderr: /not UTF-8/ },
  { name: 'a huge file is refused before it is read', args: () => [huge()], status: 2, stderr: /limit 4 MiB/ },
  { name: 'a readable file and a missing one: I/O error wins', args: () => [file('good.yaml', GOOD), 'missing.yaml'], status: 2, stderr: /missing\.yaml: no such file/ },
  { name: 'unknown format', args: () => ['--format', 'xml', file('good.yaml', GOOD)], status: 2, stderr: /unknown format 'xml'/ },
  { name: 'a format named like an Object property', args: () => ['--format', 'constructor', file('good.yaml', GOOD)], status: 2, stderr: /unknown format 'constructor' \(expected text, json or sarif\)/ },
  { name: 'unknown option', args: () => ['--colour', file('good.yaml', GOOD)], status: 2, stderr: /Unknown option '--colour'/ },
  { name: 'bad --severity code', args: () => ['--severity', 'nope=error', file('good.yaml', GOOD)], status: 2, stderr: /unknown code 'nope'/ },
  { name: 'bad --severity level', args: () => ['--severity', 'unknown-field=fatal', file('good.yaml', GOOD)], status: 2, stderr: /unknown level 'fatal'/ },
  { name: 'bad --kubernetes-version', args: () => ['--kubernetes-version', '2.0', file('good.yaml', GOOD)], status: 2, stderr: /not a version like 1\.30/ },
  { name: 'unsupported --kubernetes-version', args: () => ['--kubernetes-version', '1.12', file('good.yaml', GOOD)], status: 2, stderr: /supported: 1\.19 to 1\.36/ },
  { name: '--help', args: () => ['--help'], status: 0 },
];

function emptyDirectory(): string {
  const p = join(TMP, 'empty');
  mkdirSync(p, { recursive: true });
  return p;
}

function huge(): string {
  const p = join(TMP, 'huge.yaml');
  const fd = openSync(p, 'w');
  ftruncateSync(fd, 5 * 1024 * 1024);
  closeSync(fd);
  return p;
}

for (const c of EXIT_CASES) {
  test(`exit ${c.status}: ${c.name}`, () => {
    const r = run(c.args(), c.stdin);
    assert.equal(r.status, c.status, r.stderr + r.stdout);
    if (c.stderr) assert.match(r.stderr, c.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('a pipe given by path (bash process substitution) is read like a file', () => {
  const p = file('old.yaml', V1BETA1);
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" lint --format json <(cat "${p}")`], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(JSON.parse(r.stdout)[0].file, /^\/dev\/fd\/\d+$/);
});

test('json: the contract entries, file as given, 0-based positions', () => {
  file('old.yaml', V1BETA1);
  const r = run(['--format', 'json', 'old.yaml', '-'], `${GOOD}  verb: [get]\n`);
  assert.equal(r.status, 1);
  const entries = json(r);
  for (const e of entries) assert.deepEqual(Object.keys(e).sort(), ['code', 'detail', 'file', 'message', 'range', 'rule', 'severity']);
  const api = entries.find((e) => e.code === 'unsupported-api-version');
  assert.deepEqual(api && { file: api.file, range: api.range, severity: api.severity, rule: api.rule }, {
    file: 'old.yaml',
    range: { start: { line: 0, character: 12 }, end: { line: 0, character: 32 } },
    severity: 'error',
    rule: null,
  });
  const typo = entries.find((e) => e.code === 'unknown-field');
  assert.deepEqual(typo && [typo.file, typo.range.start, typo.rule], ['-', { line: 6, character: 2 }, 1]);
});

test('text: file:line:col: severity code: message, 1-based, no colour off a TTY, a summary', () => {
  const p = file('typo.yaml', `${GOOD}  verb: [get]\n`);
  const r = run([p]);
  assert.match(r.stdout, new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7:3: warning unknown-field: Unknown field "verb"`, 'm'));
  assert.doesNotMatch(r.stdout, /\u001b\[/);
  assert.match(r.stdout, /\d+ warnings? (.*)?in 1 file\.\n$/);
});

test('text: a clean run says so', () => {
  const r = run([file('good.yaml', GOOD)]);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, 'No problems found in 1 file.\n');
});

test('sarif: a valid 2.1.0 log with every code as a rule and 1-based regions', () => {
  const r = run(['--format', 'sarif', join(CORPUS, 'openshift-oauth.yaml')]);
  const log = JSON.parse(r.stdout) as {
    version: string;
    runs: { tool: { driver: { name: string; rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[];
  };
  assert.equal(log.version, '2.1.0');
  const [runRecord] = log.runs;
  assert.ok(runRecord);
  const rules = runRecord.tool.driver.rules;
  assert.deepEqual(rules.map((x) => x.id), Object.keys(CODES));
  for (const rule of rules) assert.equal(rule.helpUri, codeDocumentationUrl(rule.id as Code));
  assert.equal(rules.find((x) => x.id === 'yaml-syntax')?.defaultConfiguration.level, 'error');
  const typo = runRecord.results.find((x) => x.ruleId === 'unknown-field');
  assert.ok(typo);
  assert.equal(rules[typo.ruleIndex]?.id, 'unknown-field');
  assert.equal(typo.level, 'warning');
  assert.deepEqual(typo.locations[0]?.physicalLocation.region, { startLine: 38, startColumn: 5, endLine: 38, endColumn: 13 });
});

test('every corpus policy lints without crashing; exit 1 only for the ones kube-apiserver refuses', () => {
  const refused = new Set(['ack-default-v1beta1.yaml', 'eks-anywhere-v1beta1.yaml', 'falco-example-v1beta1.yaml', 'kubespray-2018-v1beta1.yaml', 'gce-configure-helper-2017.yaml']);
  const r = run(['--format', 'json', ...[...refused].map((f) => join(CORPUS, f)), join(CORPUS, 'k8s-website-docs.yaml')]);
  assert.equal(r.status, 1);
  const files = new Set(json(r).filter((e) => e.severity === 'error').map((e) => e.file.split('/').pop()));
  assert.deepEqual([...files].sort(), [...refused].sort());
});

test('a reader that goes away (| head) ends lint quietly, with its exit status', async () => {
  // 3000 rules with a dropped `verb:` field: about a megabyte of JSON findings.
  const rules = Array.from({ length: 3000 }, (_, i) => `- level: Metadata\n  verb: [get]\n  users: [u${i}]\n`).join('');
  const p = file('many-findings.yaml', `apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n${rules}`);
  assert.deepEqual(await runWithReaderGoingAway(['lint', '--format', 'json', p]), { stderr: '', status: 1 });
});
