// The language server's own small parts, without a connection: which documents it works on, the
// settings it accepts, the word under the cursor, runSafe's fallbacks and cancellation, and the
// debounce of diagnostics (with mocked timers: no real waiting), and the once-per-version cache.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsScheduler } from '../../server/src/lsp/diagnosticsScheduler.ts';
import { DocumentCache } from '../../server/src/lsp/documentCache.ts';
import { globPattern } from '../../server/src/core/workspace/globPattern.ts';
import { isAuditPolicy } from '../../server/src/lsp/isAuditPolicy.ts';
import { runSafe } from '../../server/src/lsp/runSafe.ts';
import { resolveSettings } from '../../server/src/lsp/settings.ts';
import { SlicedRunner } from '../../server/src/lsp/slicedRunner.ts';
import { tokenAt } from '../../server/src/lsp/tokenAt.ts';

test('file globs: **, *, ?, {a,b}, [..], anchored or at any depth, broken patterns match nothing', () => {
  const cases: [string, string, boolean][] = [
    ['**/*audit*policy*.y{a,}ml', '/home/me/k8s/audit-policy.yaml', true],
    ['**/*audit*policy*.y{a,}ml', '/home/me/k8s/kube-audit_policy.yml', true],
    ['**/*audit*policy*.y{a,}ml', '/home/me/k8s/audit-policy.json', false],
    ['**/*audit*policy*.y{a,}ml', '/home/me/audit-policy/values.yaml', false],
    ['policies/*.yaml', '/repo/policies/a.yaml', true],
    ['policies/*.yaml', '/repo/policies/sub/a.yaml', false],
    ['/etc/kubernetes/*.yaml', '/etc/kubernetes/audit.yaml', true],
    ['/etc/kubernetes/*.yaml', '/x/etc/kubernetes/audit.yaml', false],
    ['audit?.yaml', '/a/audit1.yaml', true],
    ['audit[0-9].yaml', '/a/audit7.yaml', true],
    ['audit[!0-9].yaml', '/a/audit7.yaml', false],
    ['a.b(c)+.yaml', '/a.b(c)+.yaml', true],
    ['[z-a].yaml', '/z.yaml', false],
  ];
  for (const [glob, path, expected] of cases) assert.equal(globPattern(glob)?.test(path) ?? false, expected, `${glob} ~ ${path}`);
});

test('audit policies: header in any document and style, or a files match; other YAML is left alone', () => {
  const files = [globPattern('**/*audit*policy*.yaml') as RegExp];
  const cases: [string, string, boolean][] = [
    ['file:///x/a.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\n', true],
    ['file:///x/a.yaml', '    apiVersion: "audit.k8s.io/v1beta1"\n    kind: \'Policy\'\n', true],
    ['file:///x/a.yaml', '{"apiVersion": "audit.k8s.io/v1", "kind": "Policy"}', true],
    ['file:///x/a.yaml', 'kind: ConfigMap\n---\napiVersion: audit.k8s.io/v1\nkind: Policy\n', true],
    ['file:///x/a.yaml', 'apiVersion: kyverno.io/v1\nkind: Policy\n', false],
    ['file:///x/a.yaml', 'apiVersion: audit.k8s.io/v1\nkind: PolicyList\n', false],
    ['file:///x/a.yaml', 'apiVersion: apps/v1\nkind: Deployment\n', false],
    ['file:///x/my-audit-policy.yaml', 'rules: []\n', true],
    ['file:///x/my%20audit%20policy.yaml', '', true],
    ['untitled:Untitled-1', 'rules: []\n', false],
  ];
  for (const [uri, text, expected] of cases) assert.equal(isAuditPolicy(uri, text, files), expected, `${uri}: ${text}`);
});

test('settings: valid fields taken, anything else ignored or defaulted', () => {
  const s = resolveSettings({ kubernetesVersion: 'v1.22.3', severity: { 'shadowed-rule': 'off', 'no-such-code': 'error', 'unknown-field': 'loud', 'no-catch-all': 'warning' }, files: ['*.audit.yaml', 3] });
  assert.deepEqual(s.kubernetesVersion, { major: 1, minor: 22 });
  assert.deepEqual(s.severities, { 'shadowed-rule': 'off', 'no-catch-all': 'warning' });
  assert.equal(s.files.length, 1);
  const d = resolveSettings('garbage');
  assert.equal(d.kubernetesVersion.minor, 36);
  assert.deepEqual(d.severities, {});
  assert.ok(d.files[0]?.test('/a/audit-policy.yaml'));
  assert.notEqual(s.key, d.key);
  assert.equal(resolveSettings({ kubernetesVersion: '2.0' }).key, d.key);
});

test('token under the cursor: keys, plain and quoted values, nothing in comments', () => {
  const text = '  - level: "Metadata" # note\n    users: [system:kube-proxy, \'a b\']\n';
  const at = (needle: string, delta = 0): string => {
    const t = tokenAt(text, text.indexOf(needle) + delta);
    return t ? `${t.isKey ? 'key' : 'value'}:${t.text}` : 'none';
  };
  assert.equal(at('level', 2), 'key:level');
  assert.equal(at('Metadata', 3), 'value:Metadata');
  assert.equal(at('note', 1), 'none');
  assert.equal(at('kube-proxy', 2), 'value:system:kube-proxy');
  assert.equal(at('- level'), 'none');
  assert.equal(at("'a", 1), "value:'a");
});

test('runSafe: a throwing feature answers the fallback; a cancelled request answers cancelled', async () => {
  const logs: string[] = [];
  const live = new CancellationTokenSource();
  assert.equal(await runSafe((m) => logs.push(m), 'Hover', live.token, 'fallback', () => 'value'), 'value');
  assert.equal(
    await runSafe((m) => logs.push(m), 'Hover', live.token, 'fallback', () => {
      throw new Error('boom');
    }),
    'fallback',
  );
  assert.match(logs[0] ?? '', /^Hover failed: Error: boom/);
  const before = new CancellationTokenSource();
  before.cancel();
  const cancelled = await runSafe(() => undefined, 'Hover', before.token, 'fallback', () => 'value');
  assert.ok(cancelled instanceof ResponseError && cancelled.code === LSPErrorCodes.RequestCancelled);
  const during = new CancellationTokenSource();
  const result = await runSafe(() => undefined, 'Hover', during.token, 'fallback', async () => {
    during.cancel();
    return 'value';
  });
  assert.ok(result instanceof ResponseError && result.code === LSPErrorCodes.RequestCancelled);
});

test('diagnostics are debounced per document: a burst publishes once, after the pause', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const published: string[] = [];
    const scheduler = new DiagnosticsScheduler((uri) => published.push(uri), 150);
    scheduler.schedule('a');
    mock.timers.tick(100);
    scheduler.schedule('a');
    scheduler.schedule('b');
    mock.timers.tick(100);
    assert.deepEqual(published, []);
    mock.timers.tick(50);
    assert.deepEqual(published, ['a', 'b']);
    scheduler.schedule('a');
    scheduler.cancel('a');
    mock.timers.tick(1000);
    assert.deepEqual(published, ['a', 'b']);
  } finally {
    mock.timers.reset();
  }
});

test('the document cache parses once per version and settings', () => {
  const cache = new DocumentCache(new SlicedRunner(), () => undefined, () => undefined);
  const settings = resolveSettings({});
  const v1 = TextDocument.create('file:///x/audit-policy.yaml', 'yaml', 1, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: Metadata}]\n');
  const first = cache.get(v1, settings);
  assert.ok(first);
  assert.equal(cache.get(v1, settings), first);
  const v2 = TextDocument.update(v1, [{ text: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: None}]\n' }], 2);
  assert.notEqual(cache.get(v2, settings), first);
  const other = resolveSettings({ kubernetesVersion: '1.20' });
  assert.equal(cache.get(v2, other)?.settings, other);
  assert.equal(cache.get(TextDocument.create('file:///x/deploy.yaml', 'yaml', 1, 'kind: Deployment\n'), settings), null);
});
