// The compiled SQL, run in chDB (`replay --engine clickhouse`), decides what the built-in replay
// decides: event by event (`--format jsonl`) and in the summary, byte for byte. Logs: every corpus
// log, a generated cluster log (scripts/bench), and odd events made here (percent-encoded paths,
// escapes, repeated keys, wrong types, v1alpha1, bodies written with spaces and escapes). Policies:
// corpus policies and random ones (wildcards, names, encoded paths, hostile strings).
//
// The one normalisation: for text that is not JSON, JSON.parse says where it broke and ClickHouse
// only that it is not JSON ("invalid JSON: ..." vs "invalid JSON").
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CliIO } from '../../server/src/cli/io.ts';
import { replayCommand } from '../../server/src/cli/replay.ts';
import { LEVELS, STAGES } from '../../server/src/core/model.ts';
import { generateAuditLog } from '../../scripts/bench/generateAuditLog.ts';
import { tempFile } from '../helpers/readLogs.ts';

const ROOT = join(__dirname, '..', '..');
const LOGS = join(ROOT, 'test/fixtures/corpus/logs');
const POLICIES = join(ROOT, 'test/fixtures/corpus/policies');
const CORPUS_LOGS = readdirSync(LOGS).map((f) => join(LOGS, f));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

interface Replayed {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function replay(args: readonly string[]): Promise<Replayed> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIO = { stdout, stderr, stdin: Readable.from([]), cwd: ROOT, env: {} };
  const status = await replayCommand(args, io);
  return { status, stdout: stdout.text, stderr: stderr.text };
}

function normalised(text: string, format: string): string {
  if (format === 'summary') return text.replace(/invalid JSON: .*$/gm, 'invalid JSON');
  const line = (l: string): string => {
    const r = JSON.parse(l) as { error?: string };
    return r.error?.startsWith('invalid JSON: ') ? JSON.stringify({ ...r, error: 'invalid JSON' }) : l;
  };
  return text.split('\n').map((l) => (l === '' ? l : line(l))).join('\n');
}

/** Equal texts; else the first differing lines (outputs run to thousands of lines). */
function assertSameLines(actual: string, expected: string, label: string): void {
  if (actual === expected) return;
  const [a, e] = [actual.split('\n'), expected.split('\n')];
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, e.length) && diffs.length < 6; i++) {
    if (a[i] !== e[i]) diffs.push(`line ${i + 1}\n  clickhouse: ${a[i]}\n  built-in:   ${e[i]}`);
  }
  assert.fail(`${label}: the engines differ (${a.length} vs ${e.length} lines)\n${diffs.join('\n')}`);
}

/** Both engines on the same arguments, for both formats: the same output and exit status. */
async function assertAgree(args: readonly string[], label: string): Promise<void> {
  for (const format of ['jsonl', 'summary']) {
    const builtin = await replay([...args, '--format', format]);
    const clickhouse = await replay([...args, '--format', format, '--engine', 'clickhouse']);
    assert.equal(clickhouse.stderr, builtin.stderr, `${label} (${format}): stderr`);
    assertSameLines(normalised(clickhouse.stdout, format), normalised(builtin.stdout, format), `${label} (${format})`);
    assert.equal(clickhouse.status, builtin.status, `${label} (${format}): exit status`);
  }
}

/** Events the corpus lacks: each line tests one way the reading can go wrong. */
function oddEvents(): string {
  const e = (o: Record<string, unknown>): string => JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', stage: 'ResponseComplete', verb: 'get', ...o });
  const user = { username: 'alice', groups: ['dev', 'system:authenticated'] };
  const paths = ['/healthz', '/healthz/etcd', '/a%2Fb', '/%61pi', '/x%zz', '/%FF%FF', '/%E2%82', '%EF%BB%BF/x', '/%ED%A0%80', '/caf%C3%A9', '/é?x=%FF', '?only', '/metrics?', '/a b', '/%2', '/%', '/api/v1'];
  const lines: string[] = [
    ...paths.map((p, i) => e({ auditID: `p${i}`, requestURI: p, user })),
    e({ auditID: 'q1', requestURI: '/x', user: { username: 'o\'brien "quoted"\\ back\nline', groups: ['g\u0000nul', 'tab\tgroup', '💥'] } }),
    e({ auditID: 'q2', requestURI: '/x', user: {} }),
    e({ auditID: 'q3', requestURI: '/x', user: { groups: [] } }),
    e({ auditID: 'q4', requestURI: '/x', user: { username: '', groups: ['system:unauthenticated'] } }),
    e({ auditID: 'q5', requestURI: '/x', user: null, impersonatedUser: { username: 'bob' } }),
    e({ auditID: 'r1', requestURI: '/apis/apps/v1/namespaces/ns/deployments/d/scale', user, verb: 'update', objectRef: { resource: 'deployments', subresource: 'scale', namespace: 'ns', name: 'd', apiGroup: 'apps', apiVersion: 'v1' } }),
    e({ auditID: 'r2', apiVersion: 'audit.k8s.io/v1alpha1', requestURI: '/apis/batch/v1/jobs', user, verb: 'list', objectRef: { resource: 'jobs', apiVersion: 'batch/v1' } }),
    e({ auditID: 'r3', apiVersion: 'audit.k8s.io/v1alpha1', requestURI: '/api/v1/pods', user, verb: 'list', objectRef: { resource: 'pods', apiVersion: 'v1' } }),
    e({ auditID: 'r4', requestURI: '/api/v1/namespaces/ns/pods/p/log', user, objectRef: { resource: 'pods', subresource: 'log', namespace: 'ns', name: 'p' } }),
    e({ auditID: 'r5', requestURI: '/api/v1/namespaces/ns/secrets/s', user, objectRef: { resource: 'secrets', namespace: 'ns', name: 's', uid: 'u', resourceVersion: '7' } }),
    e({ auditID: 'r6', objectRef: { resource: 'configmaps', namespace: 'kube-system', name: 'x' }, user, verb: '' }),
    e({ auditID: 'r7', requestURI: '/x', objectRef: null, user }),
    e({ auditID: 's1', requestURI: '/x', user, stage: 'RequestReceived' }),
    e({ auditID: 's2', requestURI: '/x', user, stage: 'Panic', level: 'RequestResponse' }),
    e({ auditID: 's3', requestURI: '/x', user, stage: 'Bogus', level: 'Loud' }),
    e({ auditID: 's4', requestURI: '/x', user, stage: 5, level: null }),
    // Bodies: the sizes the reader measures (compact, escaped, spaced, null).
    e({ auditID: 'b1', requestURI: '/api/v1/namespaces/ns/configmaps', user, verb: 'create', level: 'RequestResponse', objectRef: { resource: 'configmaps', namespace: 'ns', name: 'c' }, requestObject: { data: { k: 'v & <w>' } }, responseObject: { kind: 'ConfigMap', data: { k: 'v' } } }),
    e({ auditID: 'b2', requestURI: '/x', user, level: 'Request', requestObject: null }),
    '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","stage":"ResponseComplete","verb":"patch","requestURI":"/api/v1/nodes/n?x=1\\u0026y=2","user":{"username":"kubelet"},"objectRef":{"resource":"nodes","name":"n"},"requestObject":{"a":"\\u003cb\\u003e","n":1.50},"responseObject":{"b":[1, 2,  3]}}',
    '  {"kind" : "Event", "verb" : "get", "requestURI" : "/spaced", "level" : "Request", "stage" : "ResponseComplete", "requestObject" : { "a" : 1 } }  ',
    // Repeated keys: JSON.parse keeps the last.
    '{"verb":"get","verb":"list","requestURI":"/first","requestURI":"/dup","user":{"username":"a","username":"b"},"level":"None","level":"Request","stage":"ResponseComplete"}',
    '{"\\u0076erb":"watch","requestURI":"/escaped-key","stage":"ResponseStarted","level":"Metadata"}',
    // Not audit Events: each reported with its line.
    e({ auditID: 'x1', verb: 5, requestURI: '/x' }),
    e({ auditID: 'x2', requestURI: 7 }),
    e({ auditID: 'x3', requestURI: '/x', user: 'alice' }),
    e({ auditID: 'x4', requestURI: '/x', user: { username: 1 } }),
    e({ auditID: 'x5', requestURI: '/x', user: { groups: 'dev' } }),
    e({ auditID: 'x6', requestURI: '/x', user: { groups: ['ok', 2] } }),
    e({ auditID: 'x7', objectRef: 'pods' }),
    e({ auditID: 'x8', objectRef: { resource: ['pods'] } }),
    e({ auditID: 'x9', objectRef: { namespace: { a: 1 } }, requestURI: '/x' }),
    e({ auditID: 'x10' }),
    e({ auditID: 'x11', kind: 'EventList', requestURI: '/x' }),
    e({ auditID: 'x12', kind: 'Pod', requestURI: '/x' }),
    e({ auditID: 'x13', apiVersion: 'audit.k8s.io/v2', requestURI: '/x' }),
    e({ auditID: 'x14', kind: null, requestURI: '/x' }),
    e({ auditID: 'x15', objectRef: { apiGroup: true, resource: 'pods' }, requestURI: '/x' }),
    e({ auditID: 'x16', verb: 'a'.repeat(60), objectRef: 1 }),
    '{"verb":"get","requestURI":"/x"',
    '[1,2]',
    '"just a string"',
    'null',
    '{}',
    '\ufeff{"verb":"get","requestURI":"/bom-in-the-middle"}',
    '{"verb":"get","requestURI":"/trailing"} x',
  ];
  return `${lines.join('\n')}\n\n   \n\t\r\n${e({ auditID: 'crlf', requestURI: '/crlf', user })}\r\n`;
}

const oddLog = tempFile('odd-events.jsonl', oddEvents());

test('corpus and odd logs under corpus policies: the same records and summary', async () => {
  const runs: [string, readonly string[]][] = [
    ['gce-configure-helper.yaml', []],
    ['audit2rbac-demo.yaml', []],
    ['openshift-default.yaml', []],
    ['falco-example-v1beta1.yaml', ['--kubernetes-version', '1.23']],
  ];
  for (const [policy, extra] of runs) await assertAgree([join(POLICIES, policy), ...CORPUS_LOGS, oddLog, ...extra], policy);
});

test('a generated cluster log (scripts/bench) with body bytes: the same records and summary', async () => {
  const log = tempFile('generated.jsonl', '');
  await generateAuditLog(log, 3000, 7);
  await assertAgree([join(POLICIES, 'gce-configure-helper.yaml'), log, '--top', '50'], 'generated log');
});

// Random policies over the names these logs use, wildcards, encoded and hostile strings.
const names = (xs: readonly string[]): fc.Arbitrary<string[]> => fc.array(fc.constantFrom(...xs), { maxLength: 3 });
const hostile = fc.constantFrom("o'brien \"quoted\"\\ back\nline", "x') OR 1=1 --", '\\', "'", '', ' ', '💥', 'g\u0000nul', 'tab\tgroup', '%41', 'caf\u00e9', '\ud800');
const users = fc.oneof(names(['alice', 'bob', 'system:admin', 'minikube-user', 'kubelet', 'system:kube-proxy', 'system:anonymous', 'a', 'b']), fc.array(hostile, { maxLength: 2 }));
const groups = fc.oneof(names(['dev', 'system:authenticated', 'system:masters', 'system:nodes', 'system:unauthenticated', 'system:serviceaccounts']), fc.array(hostile, { maxLength: 2 }));
const verbs = names(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', '', 'Get']);
const namespaces = names(['', 'default', 'kube-system', 'ns', 'production', 'monitoring']);
const resource = fc.constantFrom('pods', 'pods/log', 'pods/*', '*/status', '*/scale', '*', '*/*', 'pods/', '/log', 'deployments/scale', 'secrets', 'configmaps', 'nodes', 'nodes/status', 'jobs', 'leases', 'events', 'Pods');
const group = fc.constantFrom('', 'apps', 'batch', 'coordination.k8s.io', 'rbac.authorization.k8s.io', 'discovery.k8s.io', '*', 'v1');
const url = fc.constantFrom('*', '/healthz', '/healthz*', '/healthz/*', '/a/b', '/a/b*', '/api*', '/apis/*', '/x*', '/caf\u00e9', '/\ufffd\ufffd*', '/%61pi', '/a%2Fb', '/x%zz', '%EF%BB%BF/x', '/x', '/*', '**', '/metrics', '/\ud83d*', 'caf*');
const rule = fc.record(
  {
    level: fc.constantFrom(...LEVELS, undefined),
    users,
    userGroups: groups,
    verbs,
    namespaces,
    resources: fc.array(fc.record({ group, resources: fc.array(resource, { maxLength: 3 }), resourceNames: names(['', 'p', 'd', 'c', 'x', 's', 'n', 'kube-controller-manager']) }), { maxLength: 2 }),
    nonResourceURLs: fc.array(url, { maxLength: 3 }),
    omitStages: fc.subarray([...STAGES]),
    omitManagedFields: fc.boolean(),
  },
  { requiredKeys: ['level'] },
);
const policy = fc.record({ rules: fc.array(rule, { minLength: 1, maxLength: 6 }), omitStages: fc.subarray([...STAGES]), omitManagedFields: fc.boolean(), version: fc.constantFrom('1.35', '1.36') });

test('random policies: the same records and summary', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(policy, async ({ version, ...p }) => {
      const file = tempFile(`random-${n++}.yaml`, JSON.stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', ...p }));
      await assertAgree([file, ...CORPUS_LOGS, oddLog, '--kubernetes-version', version, '--top', '1000'], JSON.stringify(p));
    }),
    { numRuns: 8 },
  );
});
