// The replay panel's rendering: logs with hostile strings (markup in user names, namespaces, paths,
// an unparseable line) go through the real pipeline (index -> aggregate -> the server's view ->
// render -> mount) and every one of them ends up as a text node. mount runs on a recording fake
// document whose HTML-parsing members throw, so any use of them would fail the test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h, isSafeAttribute, mount, type VNode } from '../../client/src/webview/view/dom.ts';
import { renderPanel, type PanelModel } from '../../client/src/webview/view/render.ts';
import { lint } from '../../server/src/core/lint.ts';
import { LEVELS, STAGES } from '../../server/src/core/model.ts';
import { aggregateReplay } from '../../server/src/core/replay/aggregateReplay.ts';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.ts';
import { MAX_DISPLAY_CHARS, replayView } from '../../server/src/lsp/replayView.ts';
import type { ShapeQuery } from '../../server/src/core/replay/queryShapes.ts';
import type { ReplayViewData } from '../../server/src/protocol.ts';
import { all, fakeDocument, FakeElement, textOf, walk } from './fakeDom.ts';

const PAYLOADS = {
  user: '<img src=x onerror="alert(1)">',
  namespace: '<script>alert(2)</script>',
  path: '/"><svg onload=alert(3)>',
  file: 'logs/<iframe src=javascript:alert(4)>.log',
  error: 'invalid JSON: <script>alert(5)</script>',
};

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  users: ["system:kube-proxy"]
- level: RequestResponse
  resources:
  - group: ""
    resources: ["secrets"]
- level: Request
  nonResourceURLs: ["/healthz*"]
- level: Metadata
`;

type AddEvent = (event: object, times: number) => void;

/** The server's view of events recorded at Metadata (500 bytes each) replayed against POLICY. */
function viewOf(fill: (add: AddEvent, index: ReplayIndex) => void, query: ShapeQuery = {}): ReplayViewData {
  const index = new ReplayIndex();
  const add: AddEvent = (event, times) => {
    const key = index.intern({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', stage: 'ResponseComplete', ...event });
    assert.ok(key >= 0, 'an audit Event');
    for (let i = 0; i < times; i++) index.addEvent(key, STAGES.indexOf('ResponseComplete'), LEVELS.indexOf('Metadata'), 500, 0, 0);
  };
  fill(add, index);
  const text = POLICY;
  const doc = {
    uri: 'file:///ws/audit-policy.yaml',
    version: 3,
    text,
    lines: new LineIndex(text),
    settings: DEFAULT_SETTINGS,
    lint: lint(text, { kubernetesVersion: DEFAULT_SETTINGS.kubernetesVersion }),
  };
  return replayView(doc, aggregateReplay(index, doc.lint.policy, doc.settings.kubernetesVersion), query);
}

const hostileView = (): ReplayViewData =>
  viewOf((add, index) => {
    index.files.push(PAYLOADS.file);
    add(
      {
        requestURI: `/api/v1/namespaces/x/configmaps`,
        verb: 'list',
        user: { username: PAYLOADS.user, groups: ['system:authenticated'] },
        objectRef: { resource: 'configmaps', namespace: PAYLOADS.namespace, apiVersion: 'v1' },
      },
      3,
    );
    add({ requestURI: PAYLOADS.path, verb: 'get', user: { username: 'system:kube-proxy', groups: [] } }, 2);
    index.addError({ file: PAYLOADS.file, line: 7, message: PAYLOADS.error });
  });

function mounted(model: PanelModel): FakeElement {
  const root = mount(fakeDocument, renderPanel(model));
  assert.ok(root instanceof FakeElement);
  return root;
}

const model = (view: ReplayViewData): PanelModel => ({ policy: 'audit-policy.yaml', query: {}, view, busy: null, explained: null, selectedRule: null });

test('every hostile string from a log becomes a text node, never an element or a handler', () => {
  const root = mounted(model(hostileView()));
  // Long names are split into text nodes at their separators (with <wbr> between): an element's text
  // is what a reader sees.
  const texts: string[] = [];
  const tags = new Set<string>();
  walk(root, (n) => {
    if (n instanceof FakeElement) {
      tags.add(n.tag);
      texts.push(textOf(n));
      for (const name of n.attrs.keys()) assert.ok(isSafeAttribute(name), `attribute ${name}`);
    }
  });
  for (const [what, payload] of Object.entries(PAYLOADS)) {
    assert.ok(
      texts.some((t) => t.includes(payload)),
      `${what} is shown as text`,
    );
  }
  for (const tag of ['img', 'script', 'svg', 'iframe', 'a', 'style']) assert.ok(!tags.has(tag), `no <${tag}>`);
});

test('the numbers come from the server view: totals, hits per rule, never-hit rules, unknown growth', () => {
  const view = hostileView();
  const root = mounted(model(view));
  const cells = new Map<string, string>();
  const rows: FakeElement[] = [];
  walk(root, (n) => {
    if (!(n instanceof FakeElement)) return;
    const total = n.attrs.get('data-total');
    if (total !== undefined) cells.set(total, textOf(n));
    if (n.tag === 'tr' && n.attrs.get('data-action') === 'reveal') rows.push(n);
  });
  assert.match(cells.get('events') ?? '', /^5 · 1 unreadable/);
  assert.match(cells.get('dropped') ?? '', /level None 2/);
  assert.deepEqual(
    rows.map((r) => [r.attrs.get('data-rule'), r.attrs.get('class'), r.attrs.get('tabindex')]),
    [
      ['0', 'rule', '0'],
      ['1', 'rule never', '0'],
      ['2', 'rule never', '0'],
      ['3', 'rule', '0'],
    ],
  );
  // The path request was recorded at Metadata and the configmaps list stays Metadata: no growth, no "unknown".
  assert.equal(cells.get('bytes'), '2.4 KiB → 1.5 KiB');
  const grown = mounted(model({ ...view, totals: { ...view.totals, growthUnknownEvents: 1 } }));
  const bytes: string[] = [];
  walk(grown, (n) => {
    if (n instanceof FakeElement && n.attrs.get('data-total') === 'bytes') bytes.push(textOf(n));
  });
  assert.deepEqual(bytes, ['2.4 KiB → unknown (≥ 1.5 KiB)']);
});

test('the no-logs state offers the picker', () => {
  const root = mounted({ policy: 'p.yaml', query: {}, view: { ok: false, reason: 'no-logs', message: 'No audit logs are loaded.' }, busy: null, explained: null, selectedRule: null });
  const buttons: string[] = [];
  walk(root, (n) => {
    if (n instanceof FakeElement && n.tag === 'button') buttons.push(n.attrs.get('data-action') ?? '');
  });
  assert.deepEqual(buttons, ['pickLogs']);
});

test('the builders refuse behaviour-carrying attributes and elements, even on a tampered tree', () => {
  for (const name of ['onclick', 'onerror', 'href', 'src', 'style', 'srcdoc', 'formaction']) {
    assert.throws(() => h('div', { [name]: 'x' }), /not allowed/, name);
  }
  const tamperedAttr: VNode = { tag: 'div', attrs: { onmouseover: 'alert(1)' }, children: [] };
  assert.throws(() => mount(fakeDocument, tamperedAttr), /not allowed/);
  const tamperedTag = { tag: 'script', attrs: {}, children: ['alert(1)'] } as unknown as VNode;
  assert.throws(() => mount(fakeDocument, tamperedTag), /not allowed/);
});

test('bars set their width through the CSSOM, clamped to 0..100%', () => {
  const root = mounted(model(hostileView()));
  const widths: string[] = [];
  walk(root, (n) => {
    if (n instanceof FakeElement && n.attrs.get('class') === 'fill') widths.push(n.style.width);
  });
  assert.ok(widths.length > 0);
  for (const w of widths) assert.match(w, /^(100(\.0)?|\d{1,2}\.\d)%$/);
});

test('a megabyte user name is cut for display but still found by the filter', () => {
  const huge = `${'a'.repeat(1 << 20)}-needle`;
  const view = viewOf((add) => add({ requestURI: '/api/v1/pods', verb: 'list', user: { username: huge, groups: [] }, objectRef: { resource: 'pods', apiVersion: 'v1' } }, 1), { user: 'needle' });
  assert.equal(view.shapes.matched, 1);
  const user = view.shapes.rows[0]?.user ?? '';
  assert.equal(user.length, MAX_DISPLAY_CHARS + 1);
  assert.ok(user.endsWith('…'));
});

/** Elements of `root` matching `pick`. */

test('the panel says what is replayed in words, without the internal document version', () => {
  const root = mounted(model(hostileView()));
  const text = textOf(root);
  assert.match(text, /The policy as typed \(unsaved edits included\) · Kubernetes \d+\.\d+/);
  assert.doesNotMatch(text, /[Dd]ocument version|version 3\b/);
});

test('each loaded log has its own remove button, next to one that adds logs', () => {
  const root = mounted(model(hostileView()));
  const logs = all(root, (e) => e.tag === 'li' && e.attrs.has('data-log'));
  assert.deepEqual(logs.map((l) => l.attrs.get('data-log')), [PAYLOADS.file]);
  const remove = all(logs[0]!, (e) => e.tag === 'button');
  assert.deepEqual(remove.map((b) => [b.attrs.get('data-action'), b.attrs.get('data-file'), b.attrs.get('aria-label')]), [['removeLog', PAYLOADS.file, `Remove ${PAYLOADS.file}`]]);
  assert.deepEqual(all(root, (e) => e.attrs.get('data-action') === 'pickLogs').map(textOf), ['Add logs…']);
});

test('a shape has three buttons: Explain, Go to rule N (only when the rule is in the view), Add test case', () => {
  const root = mounted(model(hostileView()));
  const rows = all(root, (e) => e.tag === 'tr' && e.attrs.get('class') === 'shape');
  assert.ok(rows.length > 0);
  for (const row of rows) {
    const rule = textOf(all(row, (e) => e.attrs.get('data-col') === 'rule')[0]!);
    const buttons = all(row, (e) => e.tag === 'button').map((b) => [b.attrs.get('data-action'), textOf(b)]);
    assert.deepEqual(buttons, [
      ['explain', 'Explain'],
      ['reveal', `Go to rule ${rule}`],
      ['addTestCase', 'Add test case'],
    ]);
    assert.equal(all(row, (e) => e.attrs.get('data-action') === 'addTestCase')[0]?.attrs.get('data-key'), row.attrs.get('data-key'));
  }
});

test('long names get break points after their separators and read unchanged', () => {
  const user = 'system:serviceaccount:kube-system:replicaset-controller';
  const view = viewOf((add) => add({ requestURI: '/api/v1/pods', verb: 'list', user: { username: user, groups: [] }, objectRef: { resource: 'pods', apiVersion: 'v1' } }, 1));
  const cell = all(mounted(model(view)), (e) => e.tag === 'td' && (e.attrs.get('class') ?? '').split(' ').includes('user'))[0]!;
  assert.equal(textOf(cell), user);
  assert.deepEqual(
    cell.children.filter((c): c is FakeElement => c instanceof FakeElement).map((c) => c.tag),
    Array(5).fill('wbr'),
    'after each ":" and "-"',
  );
});

test('the selected rule (a "hits" code lens, a click) is the one highlighted row', () => {
  const view = hostileView();
  const root = mounted({ ...model(view), selectedRule: 3 });
  const rows = all(root, (e) => e.tag === 'tr' && e.attrs.has('data-rule'));
  assert.deepEqual(
    rows.filter((r) => (r.attrs.get('class') ?? '').split(' ').includes('selected')).map((r) => [r.attrs.get('data-rule'), r.attrs.get('aria-current')]),
    [['3', 'true']],
  );
  assert.equal(all(mounted(model(view)), (e) => (e.attrs.get('class') ?? '').includes('selected')).length, 0);
});
