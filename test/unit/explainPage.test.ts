// Explain Request's rendered page (a result panel): the real server answer for a request goes
// through explainPage -> mount on a fake document. What a person reads: the request, the outcome
// with a button to the matching rule, notes, one item per rule tried, the attributes; hostile
// strings only ever as text; and not a trace of Markdown syntax.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXPLAIN_ACTIONS, explainPage } from '../../client/src/webview/explainPage.ts';
import { isHostToResult, isResultToHost } from '../../client/src/webview/resultMessages.ts';
import { breakable, isVNode, mount } from '../../client/src/webview/view/dom.ts';
import { lint } from '../../server/src/core/lint.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import { explainRequest } from '../../server/src/lsp/explainRequest.ts';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.ts';
import type { ExplainRequestParams, ExplainSuccess } from '../../server/src/protocol.ts';
import { all, fakeDocument, FakeElement, textOf, walk } from './fakeDom.ts';

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  users: ["system:kube-proxy"]
- level: Metadata
  resources:
  - group: ""
    resources: ["secrets"]
- level: Request
`;

function explained(request: string, user?: string, groups?: string[]): ExplainSuccess {
  const doc = { uri: 'file:///ws/audit-policy.yaml', version: 1, text: POLICY, lines: new LineIndex(POLICY), settings: DEFAULT_SETTINGS, lint: lint(POLICY, { kubernetesVersion: DEFAULT_SETTINGS.kubernetesVersion }) };
  const params: ExplainRequestParams = { textDocument: { uri: doc.uri }, request, ...(user === undefined ? {} : { user }), ...(groups ? { groups } : {}) };
  const result = explainRequest(doc, params);
  assert.ok(result.ok, JSON.stringify(result));
  return result;
}

function page(result: ExplainSuccess): FakeElement {
  const root = mount(fakeDocument, explainPage(result, 'audit-policy.yaml'));
  assert.ok(root instanceof FakeElement);
  return root;
}

const hasClass = (e: FakeElement, c: string): boolean => (e.attrs.get('class') ?? '').split(' ').includes(c);

test('the request, the outcome with a button to the matching rule, every rule tried, the attributes', () => {
  const root = page(explained('GET /api/v1/namespaces/default/secrets/db', 'alice', ['system:authenticated']));
  assert.equal(textOf(all(root, (e) => e.tag === 'h1')[0]!), 'GET /api/v1/namespaces/default/secrets/db as alice');
  const outcome = all(root, (e) => hasClass(e, 'outcome'))[0]!;
  assert.match(textOf(outcome), /^Rule 1 matches: level Metadata\.Go to rule 1Add as test case$/);
  assert.deepEqual(
    all(outcome, (e) => e.tag === 'button').map((b) => [b.attrs.get('data-action'), b.attrs.get('data-rule')]),
    [
      [EXPLAIN_ACTIONS.reveal, '1'],
      [EXPLAIN_ACTIONS.addTestCase, undefined],
    ],
  );
  const trace = all(root, (e) => e.tag === 'li' && e.attrs.has('data-rule'));
  assert.deepEqual(trace.map((li) => [li.attrs.get('class'), all(li, (e) => e.tag === 'button')[0]?.attrs.get('data-rule')]), [
    ['skipped', '0'],
    ['matched', '1'],
  ]);
  assert.match(textOf(trace[0]!), /^✗ Rule 0 does not match: .*system:kube-proxy/);
  assert.match(textOf(trace[1]!), /Logs metadata of requests to core secrets/, 'with the rule\'s summary');
  const attributes = new Map(all(root, (e) => e.tag === 'tr').map((tr) => [textOf(tr.children[0] as FakeElement), textOf(tr.children[1] as FakeElement)]));
  assert.equal(attributes.get('user'), 'alice');
  assert.equal(attributes.get('namespace'), 'default');
  assert.equal(attributes.get('subresource'), '""');
  assert.deepEqual(all(root, (e) => e.attrs.get('data-action') === EXPLAIN_ACTIONS.markdown).map(textOf), ['Open as Markdown']);
  assert.doesNotMatch(textOf(root), /\*\*|`|\| --- \|/, 'no Markdown syntax');
});

test('notes on the input are shown; no match says the request is not logged', () => {
  const root = page(explained('GET /healthz'));
  assert.match(textOf(all(root, (e) => hasClass(e, 'outcome'))[0]!), /Rule 2 matches: level Request/);
  const missingGroup = page(explained('GET /api/v1/pods', 'bob', []));
  assert.match(textOf(all(missingGroup, (e) => hasClass(e, 'note'))[0] ?? new FakeElement('p')), /system:authenticated/);
  const none = explained('GET /api/v1/namespaces/default/secrets/db', 'alice', ['system:authenticated']);
  const unmatched = page({ ...none, evaluation: { ...none.evaluation, rule: null, level: 'None', trace: none.evaluation.trace.filter((t) => !t.matched) } });
  assert.match(textOf(all(unmatched, (e) => hasClass(e, 'outcome'))[0]!), /^No rule matches: level None, the request is not logged\.Add as test case$/);
});

test('a test case explained (Debug: explain) names the case and offers no Add as test case', () => {
  const root = mount(fakeDocument, explainPage(explained('GET /api/v1/namespaces/default/secrets/db', 'alice', ['system:authenticated']), 'audit-policy.yaml', { testCase: 'secrets <b>are</b> logged' }));
  assert.ok(root instanceof FakeElement);
  assert.equal(textOf(all(root, (e) => hasClass(e, 'muted'))[0]!), 'The test case "secrets <b>are</b> logged", explained against audit-policy.yaml as typed (unsaved edits included).');
  assert.deepEqual(all(root, (e) => e.attrs.get('data-action') === EXPLAIN_ACTIONS.addTestCase), []);
  assert.ok(!all(root, () => true).some((e) => e.tag === ('b' as string)));
});

test('hostile strings in a pasted Event are text, never elements', () => {
  const user = '<img src=x onerror=alert(1)>';
  const path = '/"><svg onload=alert(2)>';
  const root = page(explained(JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb: 'get', requestURI: path, user: { username: user, groups: ['<script>x</script>'] } })));
  const tags = new Set<string>();
  walk(root, (n) => {
    if (n instanceof FakeElement) tags.add(n.tag);
  });
  for (const tag of ['img', 'svg', 'script', 'a', 'iframe', 'style']) assert.ok(!tags.has(tag), tag);
  assert.ok(textOf(root).includes(user) && textOf(root).includes(path) && textOf(root).includes('<script>x</script>'));
});

test('break points: the text is unchanged, a <wbr> after each separator, none at the end', () => {
  const pieces = breakable('kube-system/pods:x.');
  assert.equal(pieces.map((p) => (typeof p === 'string' ? p : '|')).join(''), 'kube-|system/|pods:|x.');
  assert.deepEqual(breakable(''), ['']);
  assert.deepEqual(breakable('plain'), ['plain']);
});

test('result panel messages: the page tree and the actions are checked on arrival', () => {
  const body = explainPage(explained('GET /healthz'), 'p.yaml');
  assert.ok(isVNode(body));
  assert.ok(isHostToResult({ type: 'render', body }));
  for (const bad of [null, { type: 'render' }, { type: 'render', body: { tag: 'div', attrs: { class: 1 }, children: [] } }, { type: 'render', body: { tag: 'div', attrs: {}, children: [7] } }, { type: 'eval' }]) {
    assert.equal(isHostToResult(bad), false, JSON.stringify(bad));
  }
  let deep: unknown = 'x';
  for (let i = 0; i < 100; i++) deep = { tag: 'div', attrs: {}, children: [deep] };
  assert.equal(isVNode(deep), false, 'a tree nested past any page is refused');
  for (const good of [{ type: 'ready' }, { type: 'action', action: 'reveal', data: { rule: '3' } }, { type: 'action', action: 'markdown', data: {} }]) assert.ok(isResultToHost(good), JSON.stringify(good));
  for (const bad of [
    { type: 'action', action: 'reveal' },
    { type: 'action', action: '', data: {} },
    { type: 'action', action: 'a b', data: {} },
    { type: 'action', action: 'reveal', data: { rule: 3 } },
    { type: 'action', action: 'reveal', data: { rule: 'x'.repeat(5000) } },
    { type: 'action', action: 'reveal', data: [] },
    { type: 'eval', code: 'x' },
  ]) {
    assert.equal(isResultToHost(bad), false, JSON.stringify(bad).slice(0, 80));
  }
});
