// lsp/codeActions: the core's fixes as LSP code actions — kinds, preferred flags, the diagnostics
// they fix, ranges in UTF-16 line/character, one action per distinct fix, and "fix all".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/core/fixes/applyEdits.ts';
import { lint } from '../../server/src/core/lint.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import { codeActions, FIX_ALL_KIND } from '../../server/src/lsp/codeActions.ts';
import type { PolicyDocument } from '../../server/src/lsp/documentCache.ts';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.ts';
import { toDiagnostics } from '../../server/src/lsp/toLsp.ts';

const URI = 'file:///w/audit-policy.yaml';

function policyDocument(text: string): PolicyDocument {
  const result = lint(text, { kubernetesVersion: DEFAULT_SETTINGS.kubernetesVersion });
  return { uri: URI, version: 1, text, lines: new LineIndex(text), settings: DEFAULT_SETTINGS, lint: result };
}

function apply(text: string, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[URI] ?? [];
  return TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 1, text), edits);
}

const whole = (doc: PolicyDocument) => ({ start: { line: 0, character: 0 }, end: doc.lines.range({ start: doc.text.length, end: doc.text.length }).end });

test('quick fixes carry their diagnostic, preferred flag and an edit that applies', () => {
  // "ü" before the typo: ranges must count UTF-16 units, not bytes.
  const text = 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: None\n  users: ["jürgen"]\n  verb: get\n- level: Metadata\n';
  const doc = policyDocument(text);
  const diagnostics: Diagnostic[] = toDiagnostics(doc);
  const verbLine = 5;
  const actions = codeActions(doc, { textDocument: { uri: URI }, range: { start: { line: verbLine, character: 3 }, end: { line: verbLine, character: 3 } }, context: { diagnostics } });
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind, a.isPreferred, a.diagnostics?.[0]?.code]),
    [
      ["Rename 'verb' to 'verbs'", CodeActionKind.QuickFix, true, 'unknown-field'],
      ["Remove 'verb' (kube-apiserver ignores it)", CodeActionKind.QuickFix, false, 'unknown-field'],
    ],
  );
  assert.equal(apply(text, actions[0] as CodeAction), text.replace('verb: get', 'verbs: [get]'));
  const header = codeActions(doc, { textDocument: { uri: URI }, range: { start: { line: 0, character: 20 }, end: { line: 0, character: 20 } }, context: { diagnostics } });
  assert.deepEqual(header.map((a) => a.title), ['Change apiVersion to audit.k8s.io/v1']);
});

test('one action for a fix shared by two findings; none outside their ranges; only honoured', () => {
  const text = 'rules:\n- level: Metadata\n';
  const doc = policyDocument(text);
  const at0 = { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } };
  const actions = codeActions(doc, { textDocument: { uri: URI }, range: at0, context: { diagnostics: toDiagnostics(doc) } });
  assert.deepEqual(actions.map((a) => a.title), ['Add apiVersion: audit.k8s.io/v1 and kind: Policy']);
  assert.equal(apply(text, actions[0] as CodeAction), `apiVersion: audit.k8s.io/v1\nkind: Policy\n${text}`);
  const onlyFixAll = codeActions(doc, { textDocument: { uri: URI }, range: at0, context: { diagnostics: [], only: [CodeActionKind.Refactor] } });
  assert.deepEqual(onlyFixAll, []);
});

test('fix all applies every preferred fix, then those of what they revealed, in one action', () => {
  const text = [
    'apiVersion: audit.k8s.io/v1beta1',
    'kind: Policy',
    'rules:',
    '- level: metadata',
    '  verb: [get]',
    '  resources:',
    '  - group: core',
    '    resources: ["pods", "deployments"]',
    '- level: None',
    '  nonResourceURLs: ["healthz"]',
    '',
  ].join('\n');
  const doc = policyDocument(text);
  const [fixAll] = codeActions(doc, { textDocument: { uri: URI }, range: whole(doc), context: { diagnostics: [], only: [CodeActionKind.SourceFixAll] } });
  assert.equal(fixAll?.kind, FIX_ALL_KIND);
  const fixed = apply(text, fixAll as CodeAction);
  assert.equal(
    fixed,
    [
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'rules:',
      '- level: Metadata',
      '  verbs: [get]',
      '  resources:',
      '  - group: ""',
      '    resources: ["pods"]',
      '  - group: apps',
      '    resources: ["deployments"]',
      '- level: None',
      '  nonResourceURLs: ["/healthz"]',
      '',
    ].join('\n'),
  );
  const codes = (t: string): string[] => lint(t, { kubernetesVersion: DEFAULT_SETTINGS.kubernetesVersion }).findings.map((f) => f.code);
  // resource-in-wrong-group appears only once core is "": the second pass of the same action fixes it.
  assert.ok(!codes(text).includes('resource-in-wrong-group') && !codes(fixed).includes('resource-in-wrong-group'));
  for (const gone of ['unsupported-api-version', 'invalid-level', 'unknown-field', 'core-group-name', 'invalid-non-resource-url']) {
    assert.ok(codes(text).includes(gone) && !codes(fixed).includes(gone), gone);
  }
  // Without `only`, VS Code asks for quick fixes at the cursor: no fix-all action then.
  assert.ok(codeActions(doc, { textDocument: { uri: URI }, range: whole(doc), context: { diagnostics: [] } }).every((a) => a.kind === CodeActionKind.QuickFix));
  assert.equal(applyEdits('abc', []), 'abc');
});
