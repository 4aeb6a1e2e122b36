// `kube-audit-policy replay` through the built out/cli.js (run `npm run build` first): golden
// jsonl output for every corpus log with a fitting policy (rewritten with UPDATE_GOLDENS=1), the
// summary, stdin and gzip, exit codes, and hostile strings kept inert in the terminal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { checkGolden } from '../helpers/golden.ts';
import { tempFile } from '../helpers/readLogs.ts';
import { runWithReaderGoingAway } from '../helpers/readerGoesAway.ts';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli.js');
const LOGS = 'test/fixtures/corpus/logs';
const POLICIES = 'test/fixtures/corpus/policies';
const GOLDEN = join(ROOT, 'test', 'fixtures', 'replay');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], input: string | Buffer = ''): Run {
  assert.ok(existsSync(CLI), 'out/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, 'replay', ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Each corpus log with the policy it was recorded with, or one that fits its cluster. */
const PAIRS: readonly (readonly [log: string, policy: string, extra: readonly string[], status: number])[] = [
  ['audit2rbac-demo.jsonl', 'audit2rbac-demo.yaml', [], 0],
  ['audit2rbac-demo-raw-v1beta1.jsonl', 'audit2rbac-demo.yaml', [], 0],
  ['crowdsec-hub-k8s-audit-tests.jsonl', 'k8s-website-docs.yaml', [], 0],
  // A v1beta1 policy, as the 2018-2020 Falco clusters ran it: target a release that still loads it.
  ['falco-k8s-audit-traces.jsonl', 'falco-example-v1beta1.yaml', ['--kubernetes-version', '1.23'], 0],
  ['falco-fal_01_003-invalid.jsonl', 'k8s-website-docs.yaml', [], 1],
  ['panther-eks-audit-test-events.jsonl', 'eks-anywhere-docs-example.yaml', [], 1],
];

for (const [log, policy, extra, status] of PAIRS) {
  test(`jsonl: ${log} against ${policy}`, () => {
    const r = run([`${POLICIES}/${policy}`, `${LOGS}/${log}`, '--format', 'jsonl', ...extra]);
    assert.equal(r.status, status, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const l of lines) {
      assert.equal(l['file'], `${LOGS}/${log}`);
      const keys = Object.keys(l);
      assert.ok(
        JSON.stringify(keys) === JSON.stringify(['file', 'line', 'rule', 'level', 'omitStages', 'omitManagedFields']) || JSON.stringify(keys) === JSON.stringify(['file', 'line', 'error']),
        JSON.stringify(keys),
      );
    }
    // One line per non-blank input line, in order.
    assert.deepEqual(lines.map((l) => l['line']), lines.map((_, i) => i + 1));
    checkGolden(join(GOLDEN, `${log.replace(/\.jsonl$/, '')}.jsonl`), r.stdout);
  });
}

test('jsonl: the demo log is matched on the authenticated user', () => {
  const r = run([`${POLICIES}/audit2rbac-demo.yaml`, `${LOGS}/audit2rbac-demo.jsonl`, '--format', 'jsonl']);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { rule: number | null; level: string; omitStages: string[] });
  assert.equal(lines.length, 37);
  for (const l of lines) assert.deepEqual([l.rule, l.level, l.omitStages], [0, 'Metadata', ['RequestReceived', 'ResponseStarted', 'Panic']]);
});

test('summary (default format): golden', () => {
  const r = run([`${POLICIES}/k8s-website-docs.yaml`, `${LOGS}/audit2rbac-demo-raw-v1beta1.jsonl`, `${LOGS}/crowdsec-hub-k8s-audit-tests.jsonl`, '--top', '8']);
  assert.equal(r.status, 0, r.stderr);
  checkGolden(join(GOLDEN, 'summary.txt'), r.stdout);
});

test('several logs in order, stdin and gzip, with the same results as the plain files', () => {
  const demo = `${LOGS}/audit2rbac-demo.jsonl`;
  const crowdsec = `${LOGS}/crowdsec-hub-k8s-audit-tests.jsonl`;
  const policy = `${POLICIES}/k8s-website-docs.yaml`;
  const plain = run([policy, demo, crowdsec, '--format', 'jsonl']);
  const gz = tempFile('crowdsec.log', gzipSync(readFileSync(join(ROOT, crowdsec))));
  const mixed = run([policy, '-', gz, '--format', 'jsonl'], readFileSync(join(ROOT, demo)));
  assert.equal(mixed.status, 0, mixed.stderr);
  const strip = (out: string) => out.trimEnd().split('\n').map((l) => ({ ...JSON.parse(l), file: undefined }) as unknown);
  assert.deepEqual(strip(mixed.stdout), strip(plain.stdout));
  assert.equal(JSON.parse(mixed.stdout.split('\n')[0]!).file, '-');
  assert.equal(JSON.parse(mixed.stdout.trimEnd().split('\n').at(-1)!).file, gz);
});

test('an EventList and a JSON array give the same rules, numbered by item position', () => {
  const events = readFileSync(join(ROOT, `${LOGS}/audit2rbac-demo.jsonl`), 'utf8').trim().split('\n').map((l: string) => JSON.parse(l) as unknown);
  const list = tempFile('list.json', JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: events }, null, 2));
  const array = tempFile('array.json', JSON.stringify(events));
  const policy = `${POLICIES}/audit2rbac-demo.yaml`;
  const expected = run([policy, `${LOGS}/audit2rbac-demo.jsonl`, '--format', 'jsonl']).stdout.trimEnd().split('\n').map((l) => ({ ...JSON.parse(l), file: undefined }) as unknown);
  for (const file of [list, array]) {
    const r = run([policy, file, '--format', 'jsonl']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => ({ ...JSON.parse(l), file: undefined }) as unknown), expected);
  }
});

test('exit codes and messages for bad arguments and unreadable inputs', () => {
  const policy = `${POLICIES}/audit2rbac-demo.yaml`;
  const log = `${LOGS}/audit2rbac-demo.jsonl`;
  const cases: readonly (readonly [readonly string[], RegExp])[] = [
    [[policy], /a policy and at least one log are needed/],
    [[policy, log, '--format', 'xml'], /unknown format 'xml' \(expected summary or jsonl\)/],
    [[policy, log, '--top', 'x'], /--top 'x' is not a whole number/],
    [[policy, log, '--kubernetes-version', '2.0'], /--kubernetes-version '2.0'/],
    [[policy, '-', '-'], /standard input \("-"\) can be given only once/],
    [[policy, `${LOGS}/no-such.jsonl`], /no-such.jsonl: no such file/],
    [[policy, LOGS], /is a directory, not a log file/],
    [['no-such-policy.yaml', log], /no-such-policy.yaml: no such file/],
    [[policy, log, '--bogus'], /bogus/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('a log cut short (truncated gzip) is reported and exits 2, after printing what was read', () => {
  const text = readFileSync(join(ROOT, `${LOGS}/audit2rbac-demo-raw-v1beta1.jsonl`));
  const gz = gzipSync(text);
  const cut = tempFile('cut.log.gz', gz.subarray(0, gz.length >> 1));
  const r = run([`${POLICIES}/audit2rbac-demo.yaml`, cut, '--format', 'jsonl']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cut\.log\.gz: truncated gzip data/);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number | null; error?: string });
  assert.ok(lines.length > 10);
  assert.deepEqual(lines.at(-1), { file: cut, line: null, error: 'truncated gzip data (the file ends inside the compressed stream)' });
});

test('a log that begins with a broken line, then one that is not JSON: every event is replayed (exit 1)', () => {
  const event = (verb: string): string => JSON.stringify({ kind: 'Event', verb, requestURI: `/${verb}`, user: { username: 'u' } });
  const log = tempFile('broken-start.jsonl', `{"kind": "Event", "user": {"username": "x"}\nnot json at all\n${event('get')}\n${event('list')}\n`);
  const r = run([`${POLICIES}/kops-docs.yaml`, log, '--format', 'jsonl']);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number; error?: string });
  assert.deepEqual(lines.map((l) => [l.line, 'error' in l]), [[1, true], [2, true], [3, false], [4, false]]);
});

test('gzip with trailing garbage: the events, then the error once (exit 2); NUL padding costs only its line (exit 1)', () => {
  const event = JSON.stringify({ kind: 'Event', verb: 'get', requestURI: '/healthz', user: { username: 'u' } });
  const gz = tempFile('garbage.log.gz', Buffer.concat([gzipSync(`${event}\n`), Buffer.from('garbage\n')]));
  const r = run([`${POLICIES}/kops-docs.yaml`, gz, '--format', 'jsonl']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /garbage\.log\.gz: data after the end of the gzip stream \(at byte \d+\); not read/);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number | null; rule?: number });
  assert.deepEqual(lines.map((l) => [l.line, 'rule' in l]), [[1, true], [null, false]]);
  const padded = tempFile('padded.jsonl', Buffer.concat([Buffer.from(`${event}\n`), Buffer.alloc(4096), Buffer.from(`\n${event}\n`)]));
  const p = run([`${POLICIES}/kops-docs.yaml`, padded, '--format', 'jsonl']);
  assert.equal(p.status, 1, p.stderr);
  assert.deepEqual(p.stdout.trimEnd().split('\n').map((l) => [JSON.parse(l).line, 'error' in JSON.parse(l)]), [[1, false], [2, true], [3, false]]);
});

test('a policy kube-apiserver would refuse is replayed with a warning', () => {
  const policy = tempFile('bad-policy.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Loud\n- level: Metadata\n');
  const r = run([policy, `${LOGS}/audit2rbac-demo.jsonl`, '--format', 'jsonl']);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /has 1 error \(kube-apiserver would refuse it\)/);
  assert.equal(JSON.parse(r.stdout.split('\n')[0]!).rule, 1);
});

test('hostile strings from a log stay inert in the summary (control characters escaped)', () => {
  const evil = { kind: 'Event', verb: 'get\u001b[2J', user: { username: '\u001b]0;pwned\u0007<script>alert(1)</script>', groups: [] }, requestURI: '/x\r\nInjected: yes', level: 'Metadata', stage: 'ResponseComplete' };
  const log = tempFile('evil.jsonl', `${JSON.stringify(evil)}\n{"kind": "\u001b[31m"}\n`);
  const r = run([`${POLICIES}/kops-docs.yaml`, log]);
  assert.equal(r.status, 1);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(r.stdout), 'no control character reaches the terminal');
  assert.ok(r.stdout.includes('\\u001b]0;pwned\\u0007<script>alert(1)</script>'), r.stdout);
  assert.ok(r.stdout.includes('/x\\u000d\\u000aInjected: yes'), r.stdout);
});

test('a reader that goes away (| head) ends the replay quietly', async () => {
  const lines = Array.from({ length: 200000 }, (_, i) => JSON.stringify({ kind: 'Event', verb: 'get', requestURI: `/x/${i % 50}`, user: { username: 'u' } })).join('\n');
  const log = tempFile('many.jsonl', lines);
  const r = await runWithReaderGoingAway(['replay', `${POLICIES}/kops-docs.yaml`, log, '--format', 'jsonl']);
  assert.deepEqual(r, { stderr: '', status: 0 });
});

test('summary: one event is "1 event"; an event without a recorded level counts as growth unknown and is named so', () => {
  const log = tempFile('one.jsonl', `${JSON.stringify({ kind: 'Event', verb: 'get', requestURI: '/x', user: { username: 'a' } })}\n`);
  const r = run([`${POLICIES}/k8s-website-docs.yaml`, log]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Replayed 1 event from 1 log against /);
  assert.match(r.stdout, /1 without a recorded level\n {2}\+ 1 kept events would be logged above their recorded level \(or have none recorded\)/);
});

test('without WebAssembly (node --jitless) replay says what it needs, and does not read on', () => {
  const r = spawnSync(process.execPath, ['--jitless', CLI, 'replay', `${POLICIES}/k8s-website-docs.yaml`, `${LOGS}/audit2rbac-demo.jsonl`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /reading audit logs needs WebAssembly, which this Node\.js runtime lacks \(was it started with --jitless\?\)/);
  assert.equal(r.stdout, '');
});
