// Settings change what the server reports, live: the target Kubernetes version and per-code severity.
// They are written to the workspace copy's .vscode/settings.json and reset after each test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openInEditor, waitFor, waitForDiagnostic } from '../workspaceFiles.ts';

const config = () => vscode.workspace.getConfiguration('kubeAuditPolicy');
const FALCO = 'policies/falco-example-v1beta1.yaml';

describe('settings', () => {
  afterEach(async () => {
    await config().update('kubernetesVersion', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('severity', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('kubernetesVersion 1.23: v1beta1 still loads, so it is a deprecation warning, not an error', async () => {
    const { document } = await openInEditor(FALCO);
    await waitForDiagnostic(document.uri, 'unsupported-api-version');
    await config().update('kubernetesVersion', '1.23', vscode.ConfigurationTarget.Workspace);
    const all = await waitForDiagnostic(document.uri, 'deprecated-api-version');
    assert.ok(!all.some((d) => codeOf(d) === 'unsupported-api-version'));
    assert.equal(all.find((d) => codeOf(d) === 'deprecated-api-version')?.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('severity: "off" silences a code and another severity changes it', async () => {
    const { document } = await openInEditor(FALCO);
    await waitForDiagnostic(document.uri, 'redundant-omit-stage');
    await config().update('severity', { 'redundant-omit-stage': 'off', 'resource-in-wrong-group': 'error' }, vscode.ConfigurationTarget.Workspace);
    const all = await waitFor('redundant-omit-stage to go and resource-in-wrong-group to become an error', () => {
      const ds = vscode.languages.getDiagnostics(document.uri);
      const wrongGroup = ds.find((d) => codeOf(d) === 'resource-in-wrong-group');
      return !ds.some((d) => codeOf(d) === 'redundant-omit-stage') && wrongGroup?.severity === vscode.DiagnosticSeverity.Error ? ds : undefined;
    });
    assert.ok(all.some((d) => codeOf(d) === 'unsupported-api-version'), 'other codes stay');
  });
});
