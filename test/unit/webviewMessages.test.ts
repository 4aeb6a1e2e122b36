// The replay panel's message guards: what the webview posts is checked before the host acts on it,
// what the host posts before the view renders it, and the persisted state before a revive uses it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHostToView, isPanelState, isShapeQuery, isViewToHost } from '../../client/src/webview/messages.ts';

function check(guard: (v: unknown) => boolean, accepted: readonly unknown[], rejected: readonly unknown[]): void {
  for (const v of accepted) assert.equal(guard(v), true, `accepts ${JSON.stringify(v)}`);
  for (const v of rejected) assert.equal(guard(v), false, `rejects ${JSON.stringify(v)}`);
}

test('shape queries: known filters with the right types only', () => {
  check(
    isShapeQuery,
    [{}, { user: 'alice', verb: 'get', resource: 'pods', namespace: 'kube-system' }, { level: 'None' }, { rule: 0 }, { rule: 'none' }, { changed: 'up', sort: 'bytesAfter', offset: 50, limit: 50 }],
    [
      null,
      [],
      'user',
      { user: 3 },
      { user: 'x'.repeat(1001) },
      { level: 'none' },
      { level: 'Secret' },
      { rule: -1 },
      { rule: 1.5 },
      { rule: '1' },
      { changed: 'sideways' },
      { sort: 'name' },
      { offset: -1 },
      { limit: Number.POSITIVE_INFINITY },
    ],
  );
});

test('webview -> host: each message type with valid fields, nothing else', () => {
  check(
    isViewToHost,
    [{ type: 'ready' }, { type: 'pickLogs' }, { type: 'query', query: { rule: 2 } }, { type: 'reveal', rule: 3 }, { type: 'explain', key: 0 }, { type: 'removeLog', file: 'logs/audit.log.1.gz' }],
    [
      undefined,
      { type: 'eval', code: 'alert(1)' },
      { type: 'query' },
      { type: 'query', query: { level: 'x' } },
      { type: 'reveal', rule: '3' },
      { type: 'reveal', rule: -1 },
      { type: 'explain', key: Number.NaN },
      { type: 'explain' },
      { rule: 3 },
      { type: 'removeLog' },
      { type: 'removeLog', file: '' },
      { type: 'removeLog', file: ['a'] },
      { type: 'removeLog', file: 'x'.repeat(5000) },
    ],
  );
});

test('host -> webview: view, explained and busy messages', () => {
  check(
    isHostToView,
    [
      { type: 'view', policy: 'audit-policy.yaml', query: {}, view: { ok: false, reason: 'no-logs', message: 'No logs' } },
      { type: 'view', policy: 'audit-policy.yaml', query: { rule: 2 }, view: { ok: false, reason: 'no-logs', message: 'No logs' }, focusRule: 2 },
      { type: 'explained', key: 4, result: { ok: false, message: 'gone' } },
      { type: 'busy', message: 'Reading 2 audit logs…' },
    ],
    [
      { type: 'view', policy: 'p', query: {}, view: null },
      { type: 'view', query: {}, view: { ok: true } },
      { type: 'view', policy: 'p', query: {}, view: { ok: true }, focusRule: -1 },
      { type: 'view', policy: 'p', query: {}, view: { ok: true }, focusRule: '2' },
      { type: 'explained', key: -1, result: { ok: true } },
      { type: 'busy' },
      { type: 'html', html: '<b>' },
    ],
  );
});

test('persisted panel state: a policy URI and a valid query', () => {
  check(isPanelState, [{ uri: 'file:///ws/audit-policy.yaml', query: {} }], [{}, { uri: 1, query: {} }, { uri: 'file:///x', query: { sort: 'x' } }]);
});
