// The replay panel's rendering: logs with hostile strings (markup in user names, namespaces, paths,
// an unparseable line) go through the real pipeline (index -> aggregate -> the server's view ->
// render -> mount) and every one of them ends up as a text node. mount runs on a recording fake
// document whose HTML-parsing members throw, so any use of them would fail the test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h, isSafeAttribute, mount, type MountDocument, type MountElement, type VNode } from '../../client/src/webview/view/dom.ts';
import { bytesText, renderPanel, type PanelModel } from '../../client/src/webview/view/render.ts';
import { lint } from '../../server/src/core/lint.ts';
import { LEVELS, STAGES } from '../../server/src/core/model.ts';
import { aggregateReplay } from '../../server/src/core/replay/aggregateReplay.ts';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.ts';
import { MAX_DISPLAY_CHARS, replayView } from '../../server/src/lsp/replayView.ts';
import type { ShapeQuery } from '../../server/src/core/replay/queryShapes.ts';
import type { ReplayViewData } from '../../server/src/protocol.ts';

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

interface FakeText {
  readonly text: string;
}
class FakeElement implements MountElement {
  readonly attrs = new Map<string, string>();
  readonly children: (FakeElement | FakeText)[] = [];
  readonly style = { width: '' };
  constructor(readonly tag: string) {}
  setAttribute(name: string, value: string): void {
    this.attrs.set(name, value);
  }
  append(...nodes: unknown[]): void {
    this.children.push(...(nodes as (FakeElement | FakeText)[]));
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML used');
  }
  set outerHTML(_: string) {
    throw new Error('outerHTML used');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML used');
  }
}
const fakeDocument: MountDocument = {
  createElement: (tag) => new FakeElement(tag),
  createTextNode: (text): FakeText => ({ text }),
};

function walk(node: FakeElement | FakeText, visit: (n: FakeElement | FakeText) => void): void {
  visit(node);
  if (node instanceof FakeElement) for (const c of node.children) walk(c, visit);
}

function mounted(model: PanelModel): FakeElement {
  const root = mount(fakeDocument, renderPanel(model));
  assert.ok(root instanceof FakeElement);
  return root;
}

const model = (view: ReplayViewData): PanelModel => ({ policy: 'audit-policy.yaml', query: {}, view, busy: null, explained: null });

test('every hostile string from a log becomes a text node, never an element or a handler', () => {
  const root = mounted(model(hostileView()));
  const texts: string[] = [];
  const tags = new Set<string>();
  walk(root, (n) => {
    if (n instanceof FakeElement) {
      tags.add(n.tag);
      for (const name of n.attrs.keys()) assert.ok(isSafeAttribute(name), `attribute ${name}`);
    } else texts.push(n.text);
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
  const textOf = (n: FakeElement | FakeText): string => (n instanceof FakeElement ? n.children.map(textOf).join('') : n.text);
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
  assert.equal(bytesText(view.totals), '2.4 KiB → 1.5 KiB');
  assert.equal(bytesText({ ...view.totals, growthUnknownEvents: 1 }), '2.4 KiB → unknown (≥ 1.5 KiB)');
});

test('the no-logs state offers the picker', () => {
  const root = mounted({ policy: 'p.yaml', query: {}, view: { ok: false, reason: 'no-logs', message: 'No audit logs are loaded.' }, busy: null, explained: null });
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
