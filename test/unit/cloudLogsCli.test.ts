// replay and diff --logs on cloud log exports: every fixture read through the one reader, the
// format told per log or forced with --input-format (an unknown one refused), and events an
// envelope gave in part marked incomplete in the summary, the jsonl records and the panel.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import { renderPanel } from '../../client/src/webview/view/render.ts';
import { diffCommand } from '../../server/src/cli/diff.ts';
import type { CliIO } from '../../server/src/cli/io.ts';
import { replayCommand } from '../../server/src/cli/replay.ts';
import { lint } from '../../server/src/core/lint.ts';
import { aggregateReplay } from '../../server/src/core/replay/aggregateReplay.ts';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import { readAuditLogs } from '../../server/src/io/readAuditLogs.ts';
import { replayView } from '../../server/src/lsp/replayView.ts';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.ts';
import { mount } from '../../client/src/webview/view/dom.ts';
import { fakeDocument, FakeElement, textOf, walk } from './fakeDom.ts';
import { tempFile } from '../helpers/readLogs.ts';

const CLOUD = join(__dirname, '..', 'fixtures', 'cloud');
const fixture = (name: string): string => join(CLOUD, name);

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(command: typeof replayCommand, args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIO = { stdout, stderr, stdin: Readable.from([]), cwd: process.cwd(), env: {} };
  let status: number;
  try {
    status = await command([...args], io);
  } catch (e) {
    // A usage error: what the CLI prints, with status 2.
    stderr.write((e as Error).message);
    status = 2;
  }
  return { status, stdout: stdout.text, stderr: stderr.text };
}

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  userGroups: ["system:nodes"]
- level: RequestResponse
  resources:
  - group: rbac.authorization.k8s.io
- level: Metadata
`;
const policy = tempFile('cloud-policy.yaml', POLICY);

test('replay reads every fixture: its events counted, its bad records reported with their lines (exit 1)', async () => {
  const expected: [string, number, number][] = [
    ['eks-filter-log-events.json', 3, 2],
    ['eks-get-log-events.json', 2, 0],
    ['eks-firehose-payloads.json', 3, 1],
    ['eks-export-to-s3.log', 3, 1],
    ['aks-diagnostic-records.jsonl', 3, 2],
    ['gke-logging-read.json', 4, 1],
    ['gke-sink.jsonl', 4, 1],
    ['ack-sls-audit.jsonl', 3, 1],
  ];
  for (const [name, events, errors] of expected) {
    const r = await run(replayCommand, [policy, fixture(name)]);
    assert.equal(r.status, errors > 0 ? 1 : 0, name);
    assert.match(r.stdout, new RegExp(`^Replayed ${events} events from 1 log against .*${errors > 0 ? `; ${errors} unreadable` : '\\.'}`), name);
  }
});

test('--input-format forces a format, and an unknown one is refused before anything is read', async () => {
  const plain = tempFile('cloud-plain.jsonl', `${readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'logs', 'audit2rbac-demo.jsonl'), 'utf8').split('\n')[0]}\n`);
  const forced = await run(replayCommand, [policy, plain, '--input-format', 'aks', '--format', 'jsonl']);
  assert.equal(forced.status, 1);
  assert.equal(forced.stdout, `{"file":${JSON.stringify(plain)},"line":1,"error":"not an audit record: category is nothing (audit records have \\"kube-audit\\" or \\"kube-audit-admin\\")"}\n`);
  const auto = await run(replayCommand, [policy, plain, '--input-format', 'auto']);
  assert.equal(auto.status, 0);
  const refused = await run(replayCommand, [policy, plain, '--input-format', 'splunk']);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /unknown input format 'splunk' \(expected auto, audit, cloudwatch, aks, gke or ack\)/);
  const clickhouse = await run(replayCommand, [policy, plain, '--engine', 'clickhouse', '--input-format', 'gke']);
  assert.equal(clickhouse.status, 2);
  assert.match(clickhouse.stderr, /--input-format gke is read by the built-in engine/);
  const diffWithout = await run(diffCommand, [policy, policy, '--input-format', 'gke']);
  assert.equal(diffWithout.status, 2);
  assert.match(diffWithout.stderr, /--input-format says how to read the --logs; no --logs given/);
});

test('incomplete GKE events: marked in the summary (with the rules that read user groups) and in each jsonl record', async () => {
  const summary = await run(replayCommand, [policy, fixture('gke-sink.jsonl')]);
  assert.match(summary.stdout, /\n {2}incomplete 4 events from logs that do not carry: user groups \(4\)\n {4}rule 0 reads it: the verdicts on these events are not exact/);
  const complete = await run(replayCommand, [policy, fixture('aks-diagnostic-records.jsonl')]);
  assert.doesNotMatch(complete.stdout, /incomplete/);
  const jsonl = await run(replayCommand, [policy, fixture('gke-sink.jsonl'), '--format', 'jsonl']);
  const lines = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    lines.map((l) => [l['line'], l['incomplete'] ?? null, l['rule'] ?? l['error']]),
    [
      [1, ['user groups'], 2],
      [2, ['user groups'], 1],
      [3, ['user groups'], 2],
      [4, ['user groups'], 2],
      [5, null, 'GKE entry "-q1w2e3r4t5y6": an audit log entry of "container.googleapis.com", not of Kubernetes (serviceName "k8s.io")'],
    ],
  );
  const noGroups = tempFile('cloud-no-groups.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
  assert.match((await run(replayCommand, [noGroups, fixture('gke-sink.jsonl')])).stdout, /no rule reads what is missing: their verdicts are exact\./);
  const diff = await run(diffCommand, [policy, noGroups, '--logs', fixture('gke-logging-read.json'), '--input-format', 'gke']);
  assert.match(diff.stderr, /note: 4 events come from logs that do not carry user groups/);
  assert.match(diff.stdout, /Logs: 4 events read/);
});

test('the panel shows incomplete events: a Totals row, a note, and a badge on each rule that reads what is missing', async () => {
  const index = new ReplayIndex();
  await readAuditLogs([fixture('gke-logging-read.json'), fixture('aks-diagnostic-records.jsonl')], index, {});
  const doc = { uri: 'file:///ws/p.yaml', version: 1, text: POLICY, lines: new LineIndex(POLICY), settings: DEFAULT_SETTINGS, lint: lint(POLICY, { kubernetesVersion: DEFAULT_SETTINGS.kubernetesVersion }) };
  const aggregate = aggregateReplay(index, doc.lint.policy, doc.settings.kubernetesVersion);
  assert.deepEqual(aggregate.totals.incomplete, { events: 4, missing: { 'user groups': 4 }, rules: [0] });
  // The view crosses LSP as JSON: the mark survives it.
  const view = JSON.parse(JSON.stringify(replayView(doc, aggregate, {})));
  const root = mount(fakeDocument, renderPanel({ policy: 'p.yaml', query: {}, view, busy: null, explained: null, selectedRule: null }));
  assert.ok(root instanceof FakeElement);
  const found: Record<string, string[]> = { total: [], note: [], badge: [] };
  walk(root, (n) => {
    if (!(n instanceof FakeElement)) return;
    if (n.attrs.get('data-total') === 'incomplete') found['total']!.push(textOf(n));
    if (n.attrs.get('data-note') === 'incomplete') found['note']!.push(textOf(n));
    if (n.attrs.get('data-badge') === 'incomplete') found['badge']!.push(textOf(n));
  });
  assert.deepEqual(found['total'], ['4 (no user groups: 4) · not exact for rules that read it']);
  assert.match(found['note']![0] ?? '', /^4 events come from logs that do not carry .*Rule 0 reads it: the verdicts on these events are not exact/);
  assert.deepEqual(found['badge'], ['≈ incomplete events']);
});
