// Activation and diagnostics, read through the vscode API as another extension would see them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, lineOf, openInEditor, waitFor, waitForDiagnostic, workspaceUri } from '../workspaceFiles.ts';

describe('activation and diagnostics', () => {
  it('activates on an audit policy and reports the v1beta1 apiVersion as an error on that value', async () => {
    const editor = await openInEditor('policies/falco-example-v1beta1.yaml');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await waitFor('the extension to activate', () => (extension.isActive ? true : undefined));
    const all = await waitForDiagnostic(editor.document.uri, 'unsupported-api-version');
    const d = all.find((x) => codeOf(x) === 'unsupported-api-version');
    assert.ok(d);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 0);
    assert.match(editor.document.getText(d.range), /v1beta1/);
    assert.equal(d.source, 'kube-audit-policy');
    // The server links the code's web page; in VS Code the client points it at the page shipped with the extension.
    assert.ok(typeof d.code === 'object' && d.code.target.scheme === 'command' && d.code.target.path === 'kubeAuditPolicy.showCodeDocumentation' && JSON.parse(d.code.target.query)[0] === 'unsupported-api-version', `the code opens its page offline: ${JSON.stringify(d.code)}`);
  });

  it('reports the unknown field `resource:` of an OpenShift policy on its key', async () => {
    const editor = await openInEditor('policies/openshift-writerequestbodies.yaml');
    const all = await waitForDiagnostic(editor.document.uri, 'unknown-field');
    const d = all.find((x) => codeOf(x) === 'unknown-field');
    assert.ok(d);
    assert.equal(d.range.start.line, lineOf(editor.document, 'resource:'));
    assert.equal(editor.document.getText(d.range), 'resource');
  });

  it('leaves a YAML file that is not an audit policy alone', async () => {
    const other = await openInEditor('manifests/clusterrole.yaml');
    // The server handles documents in order: once a policy opened afterwards has its diagnostics,
    // the ClusterRole has been seen too.
    const policy = await openInEditor('broken-audit-policy.yaml');
    await waitForDiagnostic(policy.document.uri, 'unsupported-api-version');
    assert.deepEqual(vscode.languages.getDiagnostics(other.document.uri).filter((d) => d.source === 'kube-audit-policy'), []);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', other.document.uri);
    assert.deepEqual(symbols ?? [], [], 'no rule outline for a ClusterRole');
  });

  it('shows several findings for the broken example policy', async () => {
    const uri = workspaceUri('broken-audit-policy.yaml');
    const all = await waitForDiagnostic(uri, 'unknown-field');
    const codes = new Set(all.map(codeOf));
    for (const code of ['unsupported-api-version', 'unknown-field', 'core-group-name', 'invalid-level', 'invalid-non-resource-url', 'sensitive-resource-body']) {
      assert.ok(codes.has(code), `${code} among ${[...codes].join(', ')}`);
    }
  });

  it('helps a half-written file without a header when its name matches kubeAuditPolicy.files', async () => {
    const text = 'rules:\n  - level: Metadata\n';
    const matching = workspaceUri('drafts/new-audit-policy.yaml');
    const other = workspaceUri('drafts/notes.yaml');
    await vscode.workspace.fs.writeFile(matching, Buffer.from(text));
    await vscode.workspace.fs.writeFile(other, Buffer.from(text));
    await openInEditor('drafts/notes.yaml');
    await openInEditor('drafts/new-audit-policy.yaml');
    const all = await waitForDiagnostic(matching, 'missing-api-version');
    assert.ok(all.some((d) => codeOf(d) === 'missing-kind'));
    assert.deepEqual(vscode.languages.getDiagnostics(other).filter((d) => d.source === 'kube-audit-policy'), [], 'the same text under another name is left alone');
  });
});
