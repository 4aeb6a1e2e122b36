// The replay panel's "vs baseline" column (a Compare with… view is open on the policy): the server's
// answer for real events (index -> replayBaseline) rendered by the panel: a total of the events whose
// outcome differs, and per shape on screen what the baseline gave it when that differs; and the
// messages that carry it and "Add test case" are checked on arrival.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHostToView, isViewToHost } from '../../client/src/webview/messages.ts';
import { mount } from '../../client/src/webview/view/dom.ts';
import { renderPanel } from '../../client/src/webview/view/render.ts';
import { lint } from '../../server/src/core/lint.ts';
import { LEVELS, STAGES } from '../../server/src/core/model.ts';
import { aggregateReplay } from '../../server/src/core/replay/aggregateReplay.ts';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import { replayBaseline } from '../../server/src/lsp/replayBaseline.ts';
import { replayView } from '../../server/src/lsp/replayView.ts';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.ts';
import { all, fakeDocument, FakeElement, textOf } from './fakeDom.ts';

const BASELINE = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  users: ["system:kube-proxy"]
- level: Metadata
`;
/** The policy as typed: secrets are now logged with their bodies. */
const TYPED = BASELINE.replace('- level: Metadata\n', '- level: RequestResponse\n  resources:\n  - group: ""\n    resources: ["secrets"]\n- level: Metadata\n');

function setup() {
  const index = new ReplayIndex();
  const add = (resource: string, user: string, times: number): void => {
    const key = index.intern({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', stage: 'ResponseComplete', requestURI: `/api/v1/${resource}`, verb: 'list', user: { username: user, groups: ['system:authenticated'] }, objectRef: { resource, apiVersion: 'v1' } });
    for (let i = 0; i < times; i++) index.addEvent(key, STAGES.indexOf('ResponseComplete'), LEVELS.indexOf('Metadata'), 500, 0, 0);
  };
  add('secrets', 'alice', 3);
  add('pods', 'bob', 5);
  add('secrets', 'system:kube-proxy', 2);
  const doc = { uri: 'file:///ws/audit-policy.yaml', version: 2, text: TYPED, lines: new LineIndex(TYPED), settings: DEFAULT_SETTINGS, lint: lint(TYPED, { kubernetesVersion: DEFAULT_SETTINGS.kubernetesVersion }) };
  const view = replayView(doc, aggregateReplay(index, doc.lint.policy, doc.settings.kubernetesVersion), {});
  const result = replayBaseline(doc, index, { textDocument: { uri: doc.uri }, baseline: BASELINE, keys: view.shapes.rows.map((r) => r.key) });
  return { view, result };
}

test('the server: per shape the baseline outcome and whether it differs; the events that get another outcome', () => {
  const { view, result } = setup();
  assert.ok(result.ok);
  assert.equal(result.events, 10);
  assert.equal(result.differing, 3, "alice's secrets: Metadata before, RequestResponse now");
  const byUser = new Map(view.shapes.rows.map((r) => [r.user, result.rows.find((x) => x.key === r.key)]));
  assert.deepEqual(byUser.get('alice'), { key: byUser.get('alice')?.key, before: { rule: 1, level: 'Metadata', omitStages: [], omitManagedFields: false }, differs: true });
  assert.equal(byUser.get('bob')?.differs, false, 'same effect (rule 1 then, rule 2 now)');
  assert.equal(byUser.get('system:kube-proxy')?.differs, false);
});

test('the panel: a "Vs baseline" column and total only when a baseline is set', () => {
  const { view, result } = setup();
  const model = { policy: 'audit-policy.yaml', query: {}, view, busy: null, explained: null, selectedRule: null };
  const without = mount(fakeDocument, renderPanel(model)) as FakeElement;
  assert.ok(!textOf(without).includes('Vs baseline'));
  const root = mount(fakeDocument, renderPanel({ ...model, baseline: { label: 'the saved version', result } })) as FakeElement;
  const heads = all(root, (e) => e.tag === 'th' && e.attrs.get('scope') === 'col').map(textOf);
  assert.ok(heads.indexOf('Vs baseline') === heads.indexOf('Actions') - 1, heads.join(', '));
  assert.equal(textOf(all(root, (e) => e.attrs.get('data-total') === 'baseline')[0]!), '3 of 10 events (30.0%) get another outcome than under the saved version');
  const cells = all(root, (e) => e.tag === 'td' && (e.attrs.get('class') ?? '').startsWith('baseline'));
  assert.deepEqual(cells.map(textOf).sort(), ['same', 'same', 'was Metadata, rule 1']);
  assert.equal(cells.find((c) => textOf(c).startsWith('was'))?.attrs.get('data-differs'), 'true');
  const failed = mount(fakeDocument, renderPanel({ ...model, baseline: { label: 'git HEAD', result: { ok: false, message: 'No audit logs are replayed against this policy.' } } })) as FakeElement;
  assert.equal(textOf(all(failed, (e) => e.attrs.get('data-total') === 'baseline')[0]!), 'No audit logs are replayed against this policy.');
  assert.ok(all(failed, (e) => e.tag === 'td' && (e.attrs.get('class') ?? '').startsWith('baseline')).every((c) => textOf(c) === '…'));
});

test('messages: Add test case with a shape key, the baseline or none', () => {
  assert.equal(isViewToHost({ type: 'addTestCase', key: 4 }), true);
  for (const bad of [{ type: 'addTestCase' }, { type: 'addTestCase', key: -1 }, { type: 'addTestCase', key: '4' }]) assert.equal(isViewToHost(bad), false, JSON.stringify(bad));
  const { result } = setup();
  assert.equal(isHostToView({ type: 'baseline', baseline: null }), true);
  assert.equal(isHostToView({ type: 'baseline', baseline: { label: 'git HEAD', result } }), true);
  for (const bad of [{ type: 'baseline' }, { type: 'baseline', baseline: { label: 3, result } }, { type: 'baseline', baseline: { label: 'x', result: {} } }]) assert.equal(isHostToView(bad), false, JSON.stringify(bad));
});
