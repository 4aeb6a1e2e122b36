// `kube-audit-policy sql` and `replay --engine clickhouse` through the built out/cli.js (run
// `npm run build` first): options and their errors, the printed SQL run in chDB (the per-event
// columns exactly, one row per input row), and what the engine refuses or reports, with its
// message — chdb absent included.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CHDB_VERSION } from '../../server/src/cli/loadChdb.ts';
import { sqlString } from '../../server/src/core/sql/sqlLiteral.ts';
import { queryRows } from '../helpers/chdb.ts';
import { tempFile } from '../helpers/readLogs.ts';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli.js');
const POLICY = 'test/fixtures/corpus/policies/gce-configure-helper.yaml';
const LOG = 'test/fixtures/corpus/logs/panther-eks-audit-test-events.jsonl';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], options: { cli?: string; cwd?: string; input?: string } = {}): Run {
  const cli = options.cli ?? CLI;
  assert.ok(existsSync(cli), 'out/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd ?? ROOT, input: options.input ?? '', encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fromFile = (path: string): string => `file(${sqlString(join(ROOT, path))}, 'LineAsString')`;

test('sql --help names the options and the default source', () => {
  const r = run(['sql', '--help']);
  assert.equal(r.status, 0);
  for (const o of ['--from EXPR', '--column NAME', '--summary', '--per-event', '--envelope cloudwatch|aks', "file('audit.log', 'LineAsString')", 's3Cluster(']) assert.ok(r.stdout.includes(o), o);
});

test('sql: bad arguments exit 2 with a message', () => {
  const cases: [readonly string[], RegExp][] = [
    [[], /no policy file given/],
    [[POLICY, '--summary', '--per-event'], /one of --summary or --per-event/],
    [[POLICY, '--envelope', 'gke'], /unknown envelope 'gke' \(expected cloudwatch or aks\)/],
    [[POLICY, '--format', 'json'], /sql prints SQL/],
    [[POLICY, '--top', 'x'], /--top 'x' is not a whole number/],
    [[POLICY, '--per-event', '--top', '5'], /--top applies to --summary/],
    [[POLICY, '--from', ' '], /--from needs a table expression/],
    [[POLICY, '--column', ''], /--column needs a column name/],
    [[POLICY, '--kubernetes-version', '2.0'], /not a version/],
    [['missing.yaml'], /missing\.yaml: /],
  ];
  for (const [args, message] of cases) {
    const r = run(['sql', ...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '');
  }
});

test('sql --per-event: exactly the contract columns, one row per input row, in chDB', async () => {
  const r = run(['sql', POLICY, '--per-event', '--from', fromFile(LOG)]);
  assert.equal(r.status, 0, r.stderr);
  const columns = await queryRows(`DESCRIBE (${r.stdout})`);
  assert.deepEqual(
    columns.map((c) => `${c['name']} ${c['type']}`),
    ['auditID String', 'rule Nullable(Int64)', 'level String', 'omitStages Array(String)', 'omitManagedFields Bool', 'error String'],
  );
  const rows = await queryRows(r.stdout);
  assert.equal(rows.length, readFileSync(join(ROOT, LOG), 'utf8').trim().split('\n').length);
  assert.ok(rows.some((x) => x['error'] !== '' && x['rule'] === null && x['level'] === ''), 'rows that are not events stay, with why');
});

test('sql (summary): totals, rules, shapes and errors rows; --top bounds the shapes', async () => {
  const r = run(['sql', POLICY, '--from', fromFile(LOG), '--top', '3']);
  assert.equal(r.status, 0, r.stderr);
  const rows = await queryRows(r.stdout);
  const count = (s: string): number => rows.filter((x) => x['section'] === s).length;
  assert.equal(count('total'), 1);
  assert.equal(count('rule'), 18, 'every rule, hit or not, and no match');
  assert.equal(count('shape'), 3);
  assert.equal(count('error'), 14);
  assert.equal(rows[0]!['errors'], 14);
  assert.ok(Number(rows[0]!['shapes']) > 3, 'the total says how many shapes there are');
});

test('sql: a policy kube-apiserver would refuse is compiled, with a warning; a hostile column name stays one identifier', async () => {
  const policy = tempFile('refused-policy.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Loud\n- level: Metadata\n  users: ["x\') OR 1=1 --"]\n');
  const r = run(['sql', policy, '--per-event', '--column', "li`ne' --", '--from', `(SELECT line AS \`li\\\`ne' --\` FROM ${fromFile(LOG)})`]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /warning: .*refused-policy\.yaml has 1 error; kube-apiserver 1\.36 would refuse it/);
  const rows = await queryRows(r.stdout);
  assert.ok(rows.length > 0 && rows.every((x) => x['rule'] === null), 'the invalid rule and the odd user match nothing');
});

test('replay --engine clickhouse: refusals and unreadable logs exit 2 with a message', () => {
  const eventList = tempFile('list.json', '{"kind":"EventList","items":[{"verb":"get","requestURI":"/x"}]}');
  const cases: [readonly string[], RegExp][] = [
    [[POLICY, '-'], /standard input cannot be read by --engine clickhouse/],
    [[POLICY, eventList], /list\.json: an EventList, a JSON array or pretty-printed JSON; --engine clickhouse reads JSON lines/],
    [[POLICY, 'missing.jsonl'], /missing\.jsonl: no such file/],
    [[POLICY, tempFile('zstd.log', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2]))], /zstd-compressed data/],
  ];
  for (const [args, message] of cases) {
    const r = run(['replay', ...args, '--engine', 'clickhouse']);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
  }
  const r = run(['replay', POLICY, LOG, '--engine', 'duckdb']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown engine 'duckdb' \(expected builtin or clickhouse\)/);
});

test('replay --engine clickhouse: gzip told by its bytes (any name), the same output as the built-in engine', () => {
  const text = readFileSync(join(ROOT, LOG));
  const renamed = tempFile('audit.log.1', gzipSync(text));
  const weird = tempFile('we*ird [name] {x}.jsonl', text);
  const builtin = run(['replay', POLICY, LOG, LOG, '--format', 'jsonl']);
  const clickhouse = run(['replay', POLICY, renamed, weird, '--format', 'jsonl', '--engine', 'clickhouse']);
  assert.equal(clickhouse.status, builtin.status, clickhouse.stderr);
  const withoutFile = (s: string): unknown[] => s.trim().split('\n').map((l) => ({ ...(JSON.parse(l) as object), file: undefined }));
  assert.deepEqual(withoutFile(clickhouse.stdout), withoutFile(builtin.stdout));
});

test('replay --engine clickhouse: a truncated gzip is an error naming the log, exit 2', () => {
  const whole = gzipSync(Buffer.from(readFileSync(join(ROOT, LOG), 'utf8').repeat(20)));
  const cut = tempFile('cut.jsonl.gz', whole.subarray(0, whole.length >> 1));
  const r = run(['replay', POLICY, cut, '--engine', 'clickhouse']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^kube-audit-policy replay: ClickHouse could not replay the logs: /);
  assert.ok(!r.stderr.includes('kap-chdb-'), `the log is named as given: ${r.stderr}`);
});

test('replay --engine clickhouse without chdb: says how to install it, exit 2', () => {
  // The bundle alone, away from this repository's node_modules, in a directory without a project.
  const dir = mkdtempSync(join(tmpdir(), 'kap-no-chdb-'));
  try {
    const cli = join(dir, 'cli.js');
    copyFileSync(CLI, cli);
    const r = run(['replay', join(ROOT, POLICY), join(ROOT, LOG), '--engine', 'clickhouse'], { cli, cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /chdb is not installed/);
    assert.ok(r.stderr.includes(`npm install chdb@${CHDB_VERSION}`), r.stderr);
    assert.equal(r.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
