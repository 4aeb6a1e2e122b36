// Strings a person does not control (policy values, log fields, file names, arguments) never reach
// the terminal as escape sequences, bidirectional overrides or line separators: every text path shows
// them as \uXXXX. JSON, SARIF and jsonl keep their own escaping.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printable } from '../../server/src/cli/printable.ts';
import { folder, HEADER, runCli, type Run } from './cliRun.ts';

/** ESC, BEL, CSI (C1), DEL, CR, LF-less separators, bidi controls. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ESC = '\u001b';
const TITLE = `${ESC}]0;pwned\u0007`;

function assertInert(r: Run): void {
  assert.doesNotMatch(r.stdout, UNSAFE, r.stdout);
  assert.doesNotMatch(r.stderr, UNSAFE, r.stderr);
}

test('printable: controls, C1, separators and bidi controls become \\uXXXX; everything else stays', () => {
  assert.equal(printable(`a${ESC}[31mb\u009bc\u2028d\u202ee\u2066f\u200fg\nh\ti`), 'a\\u001b[31mb\\u009bc\\u2028d\\u202ee\\u2066f\\u200fg\\u000ah\\u0009i');
  assert.equal(printable('système: ✓ «ok» 日本'), 'système: ✓ «ok» 日本');
});

test('lint text: a level, an unknown key, a group and a stage with escape sequences are shown escaped', () => {
  const policy = `${HEADER}rules:\n- level: "Meta${ESC}[31mdata"\n  "ve${ESC}[2Jrbs": [get]\n  resources: [{group: "ap\u202eps", resources: [pods]}]\n  omitStages: ["Resp\u2028onseStarted"]\n- level: Metadata\n`;
  const dir = folder({ 'policy.yaml': policy });
  const r = runCli(['lint', 'policy.yaml'], { cwd: dir });
  assert.equal(r.status, 1);
  assertInert(r);
  assert.ok(r.stdout.includes('Meta\\u001b[31mdata'), r.stdout);
  assert.ok(r.stdout.includes('ve\\u001b[2Jrbs'), r.stdout);
  assert.ok(r.stdout.includes('ap\\u202eps'), r.stdout);
  assert.ok(r.stdout.includes('Resp\\u2028onseStarted'), r.stdout);
});

test('lint: file names are shown escaped in the report and on standard error', () => {
  const name = `x${ESC}[31m\u202e.yaml`;
  const dir = folder({ [name]: `${HEADER}rules:\n- level: Metadata\n  verb: [get]\n` });
  const report = runCli(['lint', name], { cwd: dir });
  assert.equal(report.status, 0, report.stderr);
  assertInert(report);
  assert.ok(report.stdout.includes('x\\u001b[31m\\u202e.yaml:5:3: warning unknown-field'), report.stdout);
  const missing = runCli(['lint', `missing${TITLE}.yaml`], { cwd: dir });
  assert.equal(missing.status, 2);
  assertInert(missing);
  assert.match(missing.stderr, /missing\\u001b\]0;pwned\\u0007\.yaml: no such file/);
  const unknown = runCli([`li${ESC}nt`]);
  assertInert(unknown);
});

test('explain text: --request, --user and --group are echoed escaped, and so are notes on stderr', () => {
  const dir = folder({ 'policy.yaml': `${HEADER}rules:\n- level: Metadata\n` });
  const r = runCli(['explain', 'policy.yaml', '--request', `GET /api/v1/namespaces/a${TITLE}/pods`, '--user', `al${TITLE}ice`, '--group', `g\u202e1`], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assertInert(r);
  assert.ok(r.stdout.includes('al\\u001b]0;pwned\\u0007ice'), r.stdout);
  assert.ok(r.stdout.includes('g\\u202e1'), r.stdout);
  const json = runCli(['explain', 'policy.yaml', '--format', 'json', '--request', 'GET /api', '--user', `al${TITLE}ice`], { cwd: dir });
  assertInert(json);
  // JSON keeps its own escaping: the value round-trips.
  assert.equal((JSON.parse(json.stdout) as { attributes: { user: string } }).attributes.user, `al${TITLE}ice`);
  const bad = runCli(['explain', 'policy.yaml', '--request', `FE${TITLE}TCH /api`], { cwd: dir });
  assert.equal(bad.status, 2);
  assertInert(bad);
});

test('replay summary: U+202E and U+2028 from the log and the policy name are shown escaped', () => {
  const event = { kind: 'Event', verb: 'get', user: { username: 'ev\u202eil', groups: [] }, requestURI: '/api/v1/namespaces/n\u2028s/pods', level: 'Metadata', stage: 'ResponseComplete' };
  const dir = folder({ [`p\u202eolicy.yaml`]: `${HEADER}rules:\n- level: Metadata\n`, 'log.jsonl': `${JSON.stringify(event)}\n` });
  const r = runCli(['replay', 'p\u202eolicy.yaml', 'log.jsonl'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assertInert(r);
  assert.ok(r.stdout.includes('ev\\u202eil'), r.stdout);
  assert.ok(r.stdout.includes('p\\u202eolicy.yaml'), r.stdout);
});

test('analyze text: witnesses quoting policy values are shown escaped', () => {
  const dir = folder({ 'policy.yaml': `${HEADER}rules:\n- level: Metadata\n  users: ["al${ESC}[2Jice"]\n- level: None\n` });
  const r = runCli(['analyze', 'policy.yaml'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assertInert(r);
  assert.ok(r.stdout.includes('al\\u001b[2Jice'), r.stdout);
});
