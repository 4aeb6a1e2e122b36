// The log reader on cloud log exports (docs/cloud-logs.md): each format told from its content, the
// Event of every record counted at the record's own line, what an envelope leaves out said per
// event, and every record that holds no Event reported, never dropped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { detectFormat } from '../../server/src/core/envelope/detectFormat.ts';
import { eventOfRecord } from '../../server/src/core/envelope/eventOfRecord.ts';
import { mapGkeEntry } from '../../server/src/core/envelope/gkeAuditLog.ts';
import { mapSlsRecord } from '../../server/src/core/envelope/slsAuditRecord.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { readAuditLogs } from '../../server/src/io/readAuditLogs.ts';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import type { LogRecord } from '../../server/src/io/logRecord.ts';
import { tempFile } from '../helpers/readLogs.ts';

const CLOUD = join(__dirname, '..', 'fixtures', 'cloud');
const fixture = (name: string): string => join(CLOUD, name);
const corpusEvents = readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'logs', 'audit2rbac-demo.jsonl'), 'utf8').trim().split('\n');

/** Per record: [line, "verb resource-or-path user" | error text, missing?]. */
type Row = readonly [number | null, string, string?];

async function read(paths: readonly string[], inputFormat?: Parameters<typeof readAuditLogs>[2] extends infer O ? (O extends { inputFormat?: infer F } ? F : never) : never) {
  const index = new ReplayIndex();
  const records: LogRecord[] = [];
  const formats: string[] = [];
  const result = await readAuditLogs(paths, index, { inputFormat, onRecord: (r) => records.push(r), onFormat: (_, f) => formats.push(f), parallel: { workers: 0 } });
  const rows: Row[] = records.map((r) => {
    if ('error' in r) return [r.line, r.error];
    const a = index.keys[r.key]!;
    const target = a.isResourceRequest ? [a.apiGroup, a.resource, a.subresource, a.namespace, a.name].join('|') : a.path;
    const row: Row = r.missing === undefined ? [r.line, `${a.verb} ${target} ${a.user?.name ?? '-'}`] : [r.line, `${a.verb} ${target} ${a.user?.name ?? '-'}`, r.missing.join(',')];
    return row;
  });
  return { rows, index, formats, result };
}

const E1 = '|pods||default| system:admin';
const EVENTS_123 = [`list ${E1}`, 'list |pods||ns1| system:admin', 'get /apis/autoscaling/v1 system:admin'];

test('detection: each format from its first record, a plain audit log stays audit', () => {
  const cases: [string, string][] = [
    ['eks-filter-log-events.json', 'cloudwatch'],
    ['eks-get-log-events.json', 'cloudwatch'],
    ['eks-firehose-payloads.json', 'cloudwatch'],
    ['eks-export-to-s3.log', 'cloudwatch'],
    ['aks-diagnostic-records.jsonl', 'aks'],
    ['gke-logging-read.json', 'gke'],
    ['gke-sink.jsonl', 'gke'],
    ['ack-sls-audit.jsonl', 'ack'],
  ];
  for (const [name, format] of cases) assert.equal(detectFormat(readFileSync(fixture(name), 'utf8')), format, name);
  // Broken Events stay Events (found by logReaderAgreement's random events: a repeated "user" key).
  for (const plain of [corpusEvents.join('\n'), `[${corpusEvents[0]}]`, JSON.stringify({ kind: 'EventList', items: [] }), 'not json', '', '{"verb":"get","requestURI":"/x","events":[1]}', '{"user":[],"verb":"get","user":""}', '{"verb":"get","objectRef":"pods","__x":1}']) {
    assert.equal(detectFormat(plain), 'audit', plain.slice(0, 40));
  }
  // Keys cut off by the head: what was seen decides.
  assert.equal(detectFormat('{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","mess'), 'cloudwatch');
  assert.equal(detectFormat('\ufeff{\n  "insertId": "x",\n  "protoPayload": {'), 'gke');
});

test('CloudWatch Logs: filter-log-events output, pretty-printed, each event at its own line; bad messages reported with the event id', async () => {
  const { rows, formats } = await read([fixture('eks-filter-log-events.json')]);
  assert.deepEqual(formats, ['cloudwatch']);
  assert.deepEqual(rows, [
    [3, EVENTS_123[0]],
    [10, EVENTS_123[1]],
    [17, 'CloudWatch Logs event "33826586000000000000000000000000000000000000000000000002": invalid JSON: Unexpected token \'I\', "I0911 20:2"... is not valid JSON'],
    [24, 'not a CloudWatch Logs event: "message" must be a string holding the audit Event as JSON (CloudWatch Logs event "33826586000000000000000000000000000000000000000000000003")'],
    [30, EVENTS_123[2]],
  ]);
});

test('CloudWatch Logs: get-log-events, gzip Firehose payloads run together (control message skipped), export-to-S3 lines', async () => {
  assert.deepEqual((await read([fixture('eks-get-log-events.json')])).rows, [
    [3, EVENTS_123[0]],
    [8, EVENTS_123[1]],
  ]);
  const gz = tempFile('firehose-payloads.gz', gzipSync(readFileSync(fixture('eks-firehose-payloads.json'))));
  const firehose = await read([gz]);
  assert.deepEqual(firehose.formats, ['cloudwatch']);
  assert.equal(firehose.rows.length, 4);
  assert.deepEqual(firehose.rows.slice(0, 3), EVENTS_123.map((e) => [1, e]));
  assert.match(firehose.rows[3]![1], /^CloudWatch Logs event "33826586000000000000000000000000000000000000000000000005": /);
  // One payload a line, as a subscription's Lambda or a Kinesis consumer may write them: the payload's line.
  const lines = readFileSync(fixture('eks-firehose-payloads.json'), 'utf8').replace(/\}\{/g, '}\n{');
  assert.deepEqual((await read([tempFile('payload-lines.jsonl', lines)])).rows.map((r) => r[0]), [2, 2, 3, 3]);
  assert.deepEqual((await read([fixture('eks-export-to-s3.log')])).rows, [
    [1, EVENTS_123[0]],
    [2, EVENTS_123[1]],
    [3, 'CloudWatch Logs export line: invalid JSON: Unexpected token \'o\', "not json at all" is not valid JSON'],
    [4, EVENTS_123[2]],
  ]);
});

test('AKS: diagnostic records one a line; other categories and records without properties.log are reported', async () => {
  const { rows } = await read([fixture('aks-diagnostic-records.jsonl')]);
  assert.deepEqual(rows, [
    [1, EVENTS_123[0]],
    [2, EVENTS_123[1]],
    [3, 'not an audit record: category is "kube-apiserver" (audit records have "kube-audit" or "kube-audit-admin")'],
    [4, 'not an AKS diagnostic record: "properties.log" must be a string holding the audit Event as JSON'],
    [5, EVENTS_123[2]],
  ]);
  // An Event Hub batch {"records": [...]}: each record, at the batch's line.
  const batch = JSON.stringify({ records: readFileSync(fixture('aks-diagnostic-records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)) });
  assert.deepEqual((await read([tempFile('aks-event-hub.json', `${batch}\n`)])).rows.map((r) => r[0]), [1, 1, 1, 1, 1]);
  // An inner message that is not an Event says which record it came in.
  const bad = JSON.stringify({ category: 'kube-audit', properties: { log: '{"kind":"Event","verb":5}' } });
  assert.deepEqual((await read([tempFile('aks-bad.jsonl', `${bad}\n`)])).rows, [[1, 'AKS diagnostic record: not an audit Event: "verb" must be a string, got number 5']]);
});

test('GKE: entries mapped to requests, every event incomplete (no user groups); entries of other services reported', async () => {
  const expected: Row[] = [
    [2, 'list |pods||default| alice@example.com', 'user groups'],
    [46, 'create rbac.authorization.k8s.io|clusterrolebindings|||dev-cluster-admin alice@example.com', 'user groups'],
    [90, 'create |pods|exec|shop|api-1 bob@example.com', 'user groups'],
    [134, 'get |namespaces||kube-system|kube-system system:serviceaccount:kube-system:namespace-controller', 'user groups'],
    [178, 'GKE entry "-q1w2e3r4t5y6": an audit log entry of "container.googleapis.com", not of Kubernetes (serviceName "k8s.io")'],
  ];
  const array = await read([fixture('gke-logging-read.json')]);
  assert.deepEqual(array.rows, expected);
  assert.equal(array.index.incompleteEvents, 4);
  assert.deepEqual([...array.index.missing], [['user groups', 4]]);
  const sink = await read([fixture('gke-sink.jsonl')]);
  assert.deepEqual(
    sink.rows,
    expected.map((r, i) => [i + 1, ...r.slice(1)]),
  );
});

test('GKE mapping: resourceName read as requestinfo.go reads a path, the verb from methodName, nothing guessed', () => {
  const entry = (methodName: string, resourceName: string, principalEmail?: string) => ({
    insertId: 'i',
    protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.AuditLog', serviceName: 'k8s.io', methodName, resourceName, authenticationInfo: principalEmail === undefined ? {} : { principalEmail } },
  });
  const mapped = (m: string, r: string, p?: string) => {
    const g = mapGkeEntry(entry(m, r, p));
    assert.ok(g.ok, !g.ok ? g.error : '');
    const a = eventToAttributes(g.event);
    assert.ok(a.ok);
    return { ...a.attributes, missing: g.missing };
  };
  const ns = mapped('io.k8s.core.v1.namespaces.status.update', 'core/v1/namespaces/team-a/status', 'u');
  assert.deepEqual([ns.resource, ns.name, ns.namespace, ns.subresource, ns.path], ['namespaces', 'team-a', 'team-a', 'status', '/api/v1/namespaces/team-a/status']);
  const list = mapped('io.k8s.apps.v1.deployments.list', 'apps/v1/namespaces/shop/deployments', 'u');
  assert.deepEqual([list.apiGroup, list.apiVersion, list.resource, list.name, list.namespace, list.path], ['apps', 'v1', 'deployments', '', 'shop', '/apis/apps/v1/namespaces/shop/deployments']);
  const noUser = mapped('io.k8s.core.v1.pods.get', 'core/v1/namespaces/a/pods/b');
  assert.equal(noUser.user, null);
  assert.deepEqual(noUser.missing, ['user', 'user groups']);
  const nonResource = mapped('io.k8s.get', '/healthz', 'u');
  assert.deepEqual([nonResource.isResourceRequest, nonResource.path], [false, '/healthz']);
  for (const [m, r, error] of [
    ['google.container.v1.ClusterManager.CreateCluster', 'core/v1/pods', /must be a Kubernetes method/],
    ['io.k8s.core.v1.pods.get', 'core', /is not <group>\/<version>\/<resource>/],
    ['io.k8s.core.v1.pods.get', 'core/v1//x', /is not <group>/],
    ['io.k8s.core.v1.pods.get', '', /resourceName must be a non-empty string/],
  ] as const) {
    const g = mapGkeEntry(entry(m, r, 'u'));
    assert.ok(!g.ok);
    assert.match(g.error, error);
  }
  assert.match((mapGkeEntry({ insertId: 'x', jsonPayload: {} }) as { error: string }).error, /^GKE entry "x": not a GKE audit log entry: it has no protoPayload object/);
  assert.match((mapGkeEntry({ protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.OtherLog' } }) as { error: string }).error, /not a Cloud Audit Logs AuditLog/);
});

test('ACK: SLS records, nested fields from JSON text or expanded keys, SLS fields dropped; a broken field reported', async () => {
  const { rows } = await read([fixture('ack-sls-audit.jsonl')]);
  assert.deepEqual(rows, [
    [1, EVENTS_123[0]],
    [2, EVENTS_123[1]],
    [3, 'ACK record: user is not JSON text'],
    [4, EVENTS_123[2]],
  ]);
  const expanded = mapSlsRecord({ __time__: '1', verb: 'get', requestURI: '/api', 'user.username': 'alice', 'user.groups': '["dev","system:authenticated"]', 'objectRef.resource': 'pods' });
  assert.ok(expanded.ok);
  assert.deepEqual(expanded.event, { verb: 'get', requestURI: '/api', user: { username: 'alice', groups: ['dev', 'system:authenticated'] }, objectRef: { resource: 'pods' } });
  const clash = mapSlsRecord({ verb: 'get', user: 'alice', 'user.username': 'bob' });
  assert.ok(!clash.ok);
  assert.match(clash.error, /user\.username comes with user that is not an object/);
});

test('--input-format forces a format: a plain log read as GKE reports every line; audit reads envelopes as lines that are not Events', async () => {
  const plain = tempFile('plain.jsonl', `${corpusEvents.slice(0, 2).join('\n')}\n`);
  const forced = await read([plain], 'gke');
  assert.deepEqual(forced.formats, ['gke']);
  assert.deepEqual(forced.rows, [
    [1, 'not a GKE audit log entry: it has no protoPayload object'],
    [2, 'not a GKE audit log entry: it has no protoPayload object'],
  ]);
  const asAudit = await read([fixture('aks-diagnostic-records.jsonl')], 'audit');
  assert.equal(asAudit.rows.length, 5);
  assert.ok(asAudit.rows.every((r) => /not an audit Event/.test(r[1])), JSON.stringify(asAudit.rows));
  // Files of several formats in one read: each told on its own.
  const mixed = await read([plain, fixture('gke-sink.jsonl'), fixture('aks-diagnostic-records.jsonl')]);
  assert.deepEqual(mixed.formats, ['audit', 'gke', 'aks']);
  assert.equal(mixed.index.events, 2 + 4 + 3);
  assert.equal(mixed.index.incompleteEvents, 4);
});

test('documents: truncated, oversized records, stray text, scalars in a list: each reported at its line, the rest read', async () => {
  const event = JSON.stringify(corpusEvents[0]);
  const truncated = `{\n  "events": [\n    {"message": ${event}, "eventId": "1"},\n    {"message": ${event},\n`;
  const t = await read([tempFile('truncated.json', truncated)], 'cloudwatch');
  assert.deepEqual(t.rows, [
    [3, EVENTS_123[0]],
    [4, 'the input ends inside this value (truncated?)'],
  ]);
  // A gzip export cut off: what came before is read, the record cut is reported, then the file.
  const gzCut = gzipSync(readFileSync(fixture('gke-logging-read.json'))).subarray(0, 900);
  const cut = await read([tempFile('cut.json.gz', gzCut)]);
  assert.deepEqual(cut.rows, [
    [2, 'list |pods||default| alice@example.com', 'user groups'],
    [46, 'create rbac.authorization.k8s.io|clusterrolebindings|||dev-cluster-admin alice@example.com', 'user groups'],
    [90, 'create |pods|exec|shop|api-1 bob@example.com', 'user groups'],
    [134, 'the input ends inside this value (truncated?)'],
    [null, 'truncated gzip data (the file ends inside the compressed stream)'],
  ]);
  // Payloads run together, then a line that is not JSON: each record at its line.
  const payload = (id: string, nl: string) => `{"messageType":"DATA_MESSAGE","logEvents":[${nl}{"id":"${id}","message":${event}}]}`;
  const stray = await read([tempFile('stray.json', `${payload('1', '')}${payload('2', '\n')}\noops, not JSON\n${payload('3', '')}`)]);
  assert.deepEqual(stray.rows.map((r) => [r[0], r[1].startsWith('invalid JSON') ? 'invalid JSON' : r[1]]), [
    [1, EVENTS_123[0]],
    [2, EVENTS_123[0]],
    [3, 'invalid JSON'],
    [4, EVENTS_123[0]],
  ]);
  // A compacted batch longer than any one record (`jq -c .` of a CLI output): streamed, its events read.
  const compact = tempFile('compact.json', `${JSON.stringify(JSON.parse(readFileSync(fixture('eks-filter-log-events.json'), 'utf8')))}\n`);
  const streamed: LogRecord[] = [];
  await readAuditLogs([compact], new ReplayIndex(), { maxEventBytes: 3000, onRecord: (r) => streamed.push(r) });
  assert.deepEqual(streamed.map((r) => [r.line, 'error' in r ? 'error' : 'event']), [[1, 'event'], [1, 'event'], [1, 'error'], [1, 'error'], [1, 'event']]);
  const index = new ReplayIndex();
  const records: LogRecord[] = [];
  const big = `[\n{"message": ${JSON.stringify('x'.repeat(5000))}},\n3,\n{"message": ${event}}\n]\n`;
  await readAuditLogs([tempFile('big.json', big)], index, { inputFormat: 'cloudwatch', maxEventBytes: 1000, onRecord: (r) => records.push(r) });
  assert.deepEqual(
    records.map((r) => [r.line, 'error' in r ? r.error : 'event']),
    [
      [2, 'record is larger than 0 MiB; not read'],
      [3, 'not a CloudWatch Logs event: expected a JSON object'],
      [4, 'event'],
    ],
  );
});

test('a policy test eventFile that is a cloud record: unwrapped as the reader does, with what it lacks', () => {
  const gke = JSON.parse(readFileSync(fixture('gke-sink.jsonl'), 'utf8').split('\n')[2]!);
  const r = eventOfRecord(gke);
  assert.ok(r.ok);
  assert.deepEqual(r.missing, ['user groups']);
  assert.equal(r.envelope, 'gke');
  const aks = eventOfRecord(JSON.parse(readFileSync(fixture('aks-diagnostic-records.jsonl'), 'utf8').split('\n')[0]!));
  assert.ok(aks.ok);
  assert.deepEqual(aks.event, JSON.parse(corpusEvents[0]!));
  const plain = eventOfRecord(JSON.parse(corpusEvents[0]!));
  assert.ok(plain.ok && plain.envelope === undefined);
  const batch = eventOfRecord(JSON.parse(readFileSync(fixture('eks-get-log-events.json'), 'utf8')));
  assert.ok(!batch.ok);
  assert.match(batch.error, /holding 2 events; one is needed/);
});
