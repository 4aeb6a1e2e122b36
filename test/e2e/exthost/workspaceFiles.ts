// Helpers shared by the extension-host suites: files of the example workspace (a temp copy opened by
// the launcher), opening them, and polling with a deadline for what the language server publishes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kube-audit-policy.kube-audit-policy';

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the launcher opens the example workspace as a folder');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function openInEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/** Polls `probe` until it returns a value other than undefined; fails naming `what` at the deadline. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const codeOf = (d: vscode.Diagnostic): string | undefined =>
  typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);

/** Waits until the document has a diagnostic with `code` and returns all of its diagnostics. */
export function waitForDiagnostic(uri: vscode.Uri, code: string, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(`a ${code} diagnostic on ${vscode.workspace.asRelativePath(uri)}`, () => {
    const all = vscode.languages.getDiagnostics(uri);
    return all.some((d) => codeOf(d) === code) ? all : undefined;
  }, timeoutMs);
}

/** The 0-based line of the first line of `document` that contains `text`. */
export function lineOf(document: vscode.TextDocument, text: string, from = 0): number {
  for (let i = from; i < document.lineCount; i++) if (document.lineAt(i).text.includes(text)) return i;
  throw new Error(`"${text}" not found in ${document.uri.path}`);
}

export const markdownOf = (hovers: vscode.Hover[]): string =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
