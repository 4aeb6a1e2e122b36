// `--envelope`: the compiled SQL unwraps CloudWatch Logs events (`message`) and AKS diagnostic
// records (`properties.log`) as unwrapEnvelope (core/envelope/cloudEnvelopes.ts) does, then
// decides each inner Event as the core does; a record that holds no Event is reported with its
// id, never dropped; and the summary over the records is the built-in replay's over the Events.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatReplaySummary } from '../../server/src/cli/replaySummary.ts';
import { CLOUD_ENVELOPES, envelopeMessages, unwrapEnvelope, type CloudEnvelope } from '../../server/src/core/envelope/cloudEnvelopes.ts';
import { effectOf, firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { aggregateReplay } from '../../server/src/core/replay/aggregateReplay.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { perEventQuery, summarySql } from '../../server/src/core/sql/compileSql.ts';
import { sqlString } from '../../server/src/core/sql/sqlLiteral.ts';
import { summaryAggregate } from '../../server/src/core/sql/summaryResult.ts';
import { queryRows } from '../helpers/chdb.ts';
import { readLogs, tempFile } from '../helpers/readLogs.ts';

const ROOT = join(__dirname, '..', '..');
const v = LATEST_KUBERNETES_VERSION;
const { policy } = loadPolicy(readFileSync(join(ROOT, 'test/fixtures/corpus/policies/gce-configure-helper.yaml'), 'utf8'), v);
const events = readFileSync(join(ROOT, 'test/fixtures/corpus/logs/audit2rbac-demo.jsonl'), 'utf8').trim().split('\n');
const inner = [...events, '{"verb":5,"requestURI":"/x"}', 'not json', '\ufeff{"verb":"get","requestURI":"/bom"}', '  {"verb":"get","requestURI":"/spaced"}  '];

/** Records of each envelope: every inner text wrapped, then records that hold no Event. */
const RECORDS: Record<keyof typeof CLOUD_ENVELOPES, string[]> = {
  cloudwatch: [
    ...inner.map((message, i) => JSON.stringify({ logStreamName: 'kube-apiserver-audit-1', timestamp: 1700000000000 + i, message, ingestionTime: 1700000000500, ...(i % 3 === 0 ? { eventId: `3781${i}` } : i % 3 === 1 ? { id: `id-${i}` } : {}) })),
    JSON.stringify({ timestamp: 1, eventId: 'no-message' }),
    JSON.stringify({ message: { kind: 'Event' }, eventId: 'object-message' }),
    JSON.stringify({ message: events[0], eventId: 7 }),
    '{"message":"{\\"verb\\":\\"get\\",\\"requestURI\\":\\"/first\\"}","message":"{\\"verb\\":\\"list\\",\\"requestURI\\":\\"/last\\"}","eventId":"dup"}',
    '[1]',
    '{"broken":',
  ],
  aks: [
    ...inner.map((log, i) => JSON.stringify({ time: '2024-05-01T10:00:00Z', resourceId: '/SUBSCRIPTIONS/X/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/C', category: i % 2 === 0 ? 'kube-audit' : 'kube-audit-admin', operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read', properties: { log: `${log}\n`, stream: 'stdout', pod: 'kube-apiserver-7d9c' } })),
    JSON.stringify({ category: 'kube-apiserver', properties: { log: 'I0501 10:00:00.000000 1 handler.go:1] hello', pod: 'kube-apiserver-7d9c' } }),
    JSON.stringify({ category: 'guard', properties: { log: events[0] } }),
    JSON.stringify({ category: 'kube-audit', properties: { log: 5 } }),
    JSON.stringify({ category: 'kube-audit', properties: 'x' }),
    JSON.stringify({ properties: { log: events[0] } }),
    JSON.stringify({ category: ['kube-audit'], properties: { log: events[0] } }),
    'null',
  ],
};

/** What the core makes of one record: the per-event row the SQL must give. */
function expected(envelope: CloudEnvelope, line: string): { auditID: string; rule: number | null; level: string; omitStages: readonly string[]; error: string } {
  const none = { auditID: '', rule: null, level: '', omitStages: [] };
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return { ...none, error: 'invalid JSON' };
  }
  const unwrapped = unwrapEnvelope(envelope, record);
  if (!unwrapped.ok) return { ...none, error: unwrapped.error };
  const prefix = envelopeMessages.inner(envelope, unwrapped.id === '' ? '' : JSON.stringify(unwrapped.id));
  let event: unknown;
  try {
    event = JSON.parse(unwrapped.event);
  } catch {
    return { ...none, error: `${prefix}invalid JSON` };
  }
  const auditID = typeof (event as { auditID?: unknown })?.auditID === 'string' ? (event as { auditID: string }).auditID : '';
  const a = eventToAttributes(event);
  if (!a.ok) return { ...none, auditID, error: `${prefix}${a.error}` };
  const rule = firstMatch(policy, a.attributes, v);
  const e = effectOf(policy, rule === null ? null : policy.rules[rule]!);
  return { auditID, rule, level: e.level, omitStages: e.omitStages, error: '' };
}

for (const [name, records] of Object.entries(RECORDS) as [keyof typeof CLOUD_ENVELOPES, string[]][]) {
  const envelope = CLOUD_ENVELOPES[name];
  const file = tempFile(`${name}.jsonl`, `${records.join('\n')}\n`);
  const source = { from: `(SELECT line, _row_number + 1 AS n FROM file(${sqlString(file)}, 'LineAsString'))`, column: 'line', envelope, position: { file: '0', line: 'n' } };

  test(`${name}: every record's row is the core's decision, or why the record holds no Event`, async () => {
    const rows = await queryRows(perEventQuery(policy, { source, kubernetesVersion: v }));
    assert.equal(rows.length, records.length, 'one row per record');
    rows.forEach((row, i) => {
      const { auditID, rule, level, omitStages, error } = row;
      assert.deepEqual({ auditID, rule, level, omitStages, error }, expected(envelope, records[i]!), `record ${i + 1}: ${records[i]!.slice(0, 120)}`);
    });
  });

  test(`${name}: the summary over the records is the built-in replay's over the Events they hold`, async () => {
    // The Events the records hold, as a log of their own; records that hold none are errors of the SQL only.
    const held = records.map((r) => { try { return unwrapEnvelope(envelope, JSON.parse(r)); } catch { return undefined; } });
    const eventsLog = tempFile(`${name}-events.jsonl`, `${held.flatMap((h) => (h?.ok ? [h.event] : [])).join('\n')}\n`);
    assert.ok(held.some((h) => h?.ok && h.event.includes('/spaced')) && !held.some((h) => h?.ok && h.event.endsWith('\n')), 'line ends are cut');
    const { index } = await readLogs([eventsLog]);
    const rows = await queryRows(summarySql(policy, { source, kubernetesVersion: v, listedErrors: 1000 }));
    const aggregate = summaryAggregate(rows, { files: [eventsLog], rules: policy.rules.length });
    const shown = { policy: 'p.yaml', kubernetesVersion: '1.36', topShapes: 1000, topErrors: 0 };
    const builtin = aggregateReplay(index, policy, v);
    assert.equal(aggregate.totals.errors, builtin.totals.errors + held.filter((h) => !h?.ok).length);
    const same = { ...aggregate, totals: { ...aggregate.totals, errors: builtin.totals.errors }, errors: builtin.errors };
    assert.equal(formatReplaySummary(same, shown), formatReplaySummary(builtin, shown));
  });
}
