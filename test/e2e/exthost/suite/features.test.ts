// Hover, outline, quick fixes and Explain Request through the vscode API, as VS Code's own UI asks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, lineOf, markdownOf, openInEditor, waitFor, waitForDiagnostic } from '../workspaceFiles.ts';

const DOCS = 'policies/k8s-website-docs.yaml';

describe('language features', () => {
  it('hovers a rule with its plain-English summary', async () => {
    const { document } = await openInEditor(DOCS);
    const line = lineOf(document, '- level: RequestResponse');
    const at = new vscode.Position(line, document.lineAt(line).text.indexOf('level') + 1);
    const text = await waitFor('a hover on rule 0', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      const md = markdownOf(hovers);
      return /Rule 0/.test(md) ? md : undefined;
    });
    assert.match(text, /Logs metadata, request and response bodies of requests to core pods/);
    assert.match(text, /\*\*Applies\*\*/);
  });

  it('hovers a resource with its group and scope', async () => {
    const { document } = await openInEditor(DOCS);
    const line = lineOf(document, 'resources: ["pods"]');
    const at = new vscode.Position(line, document.lineAt(line).text.indexOf('pods') + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    assert.match(markdownOf(hovers), /namespaced/i);
  });

  it('outlines one symbol per rule, named by index and level', async () => {
    const { document } = await openInEditor(DOCS);
    const symbols = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
      return s && s.length > 0 ? s : undefined;
    });
    const levels = document.getText().split('\n').filter((l) => /^- level: /.test(l)).map((l) => l.replace('- level: ', '').trim());
    assert.deepEqual(symbols.map((s) => s.name), levels.map((level, i) => `Rule ${i}: ${level}`));
    assert.equal(symbols[0]?.range.start.line, lineOf(document, '- level: RequestResponse'));
  });

  it('offers the v1beta1 -> v1 quick fix and applying it edits the file', async () => {
    const editor = await openInEditor('policies/falco-example-v1beta1.yaml');
    const { document } = editor;
    const diagnostics = await waitForDiagnostic(document.uri, 'unsupported-api-version');
    const d = diagnostics.find((x) => codeOf(x) === 'unsupported-api-version');
    assert.ok(d);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change apiVersion to audit.k8s.io/v1');
    assert.ok(fix, `quick fixes offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    // (vscode.executeCodeActionProvider does not return an action's `diagnostics`; the protocol tests check them)
    assert.ok(fix.edit, 'the fix carries a workspace edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(0).text, 'apiVersion: audit.k8s.io/v1 # This is required.');
    await waitFor('the diagnostic to go away', () =>
      vscode.languages.getDiagnostics(document.uri).some((x) => codeOf(x) === 'unsupported-api-version') ? undefined : true);
    // undoable, as every quick fix must be
    await vscode.commands.executeCommand('undo');
    assert.equal(document.lineAt(0).text, 'apiVersion: audit.k8s.io/v1beta1 # This is required.');
  });

  it('Explain Request selects the matching rule and opens the rendered trace beside it', async () => {
    const { document } = await openInEditor(DOCS);
    await vscode.commands.executeCommand('kubeAuditPolicy.explainRequest', {
      uri: document.uri.toString(), request: 'GET /api/v1/namespaces/kube-system/configmaps/foo', user: 'alice', groups: ['system:authenticated'],
    });
    // rule 5: `level: Request` on configmaps in kube-system (rule 2 wants the name controller-leader)
    const rule5 = lineOf(document, '- level: Request', lineOf(document, 'Log the request body of configmap changes'));
    const editor = await waitFor('the policy editor to be active with a selection', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document === document && !e.selection.isEmpty ? e : undefined;
    });
    assert.equal(editor.selection.start.line, rule5);
    // the trace is a rendered page (a webview tab, read by the UI tests), not a Markdown document
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const page = tabs.find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Explain: k8s-website-docs.yaml');
    assert.ok(page, `the Explain page is open: ${tabs.map((t) => t.label).join(', ')}`);
    assert.notEqual(page.group.viewColumn, editor.viewColumn, 'beside the policy');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'kube-audit-policy'), 'no Markdown source shown');
  });

  it('code lenses offer Explain… above every rule', async () => {
    const { document } = await openInEditor('policies/k8s-website-docs.yaml');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const explain = lenses.filter((l) => l.command?.command === 'kubeAuditPolicy.explainRequest');
    const rules = document.getText().split('\n').map((l, i) => (/^- level: /.test(l) ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(explain.map((l) => l.range.start.line), rules);
    assert.ok(explain.every((l) => l.command?.title === 'Explain…'));
  });

  it('completes levels after `level:` and resources of the chosen group', async () => {
    const { document } = await openInEditor('policies/k8s-website-docs.yaml');
    const levelLine = document.getText().split('\n').findIndex((l) => l === '- level: Metadata');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(levelLine, '- level: '.length));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const level of ['None', 'Metadata', 'Request', 'RequestResponse']) assert.ok(labels.includes(level), `${level} in ${labels.join(', ')}`);

    // inside `resources: ["pods"]` of a `group: ""` entry: core resources, not apps' deployments
    const podsLine = document.getText().split('\n').findIndex((l) => l.trim() === 'resources: ["pods"]');
    const at = new vscode.Position(podsLine, document.lineAt(podsLine).text.indexOf('pods'));
    const resources = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
    const names = resources.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const r of ['pods', 'configmaps', 'secrets', 'serviceaccounts']) assert.ok(names.includes(r), `${r} in ${names.slice(0, 40).join(', ')}`);
    assert.ok(!names.includes('deployments'), 'deployments belongs to apps');
  });

  it('goes from a partly shadowed rule to the earlier rule that takes some of its requests', async () => {
    const { document } = await openInEditor('policies/cage-research.yaml');
    const all = await waitForDiagnostic(document.uri, 'partial-overlap');
    const d = all.find((x) => codeOf(x) === 'partial-overlap');
    assert.ok(d?.relatedInformation && d.relatedInformation.length > 0, 'the overlap names the earlier rule');
    const related = d.relatedInformation.map((r) => r.location.range.start.line).sort((a, b) => a - b);
    assert.ok(related.every((line) => line < d.range.start.line), 'related rules come earlier');
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, d.range.start);
    const lines = locations.map((l) => ('targetRange' in l ? l.targetRange : l.range).start.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [...new Set(related)]);
  });
});
