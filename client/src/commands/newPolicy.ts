// Kubernetes Audit Policy: New Audit Policy… — asks for a starter (client/starters.ts) and opens it as a
// new, unsaved audit-policy.yaml in the first workspace folder: checked at once, saved where the user
// says. Scripts and tests may pass the starter's file name to skip the question.
import { Position, Uri, window, workspace } from 'vscode';
import type { ClientContext } from '../clientContext.ts';
import { STARTERS, STARTERS_FOLDER, type Starter } from '../starters.ts';

export const NEW_POLICY_COMMAND = 'kubeAuditPolicy.newPolicy';

export function newPolicy(ctx: ClientContext) {
  return async (file?: unknown): Promise<void> => {
    const starter = STARTERS.find((s) => s.file === file) ?? (await pickStarter());
    if (starter === undefined) return;
    const bytes = await workspace.fs.readFile(Uri.joinPath(ctx.extension.extensionUri, ...STARTERS_FOLDER, starter.file));
    const editor = await window.showTextDocument(await workspace.openTextDocument(await freeUntitledUri()));
    await editor.edit((edit) => edit.insert(new Position(0, 0), new TextDecoder().decode(bytes)));
  };
}

async function pickStarter(): Promise<Starter | undefined> {
  const items = STARTERS.map((starter) => ({ label: starter.label, detail: starter.detail, starter }));
  const picked = await window.showQuickPick(items, { title: 'New Audit Policy', placeHolder: 'Start from a well-known policy (each rule says why it is there)', matchOnDetail: true });
  return picked?.starter;
}

/** untitled:…/audit-policy.yaml (audit-policy-2.yaml, … when taken on disk or by an open document). */
async function freeUntitledUri(): Promise<Uri> {
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const open = new Set(workspace.textDocuments.map((d) => d.uri.path));
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'audit-policy.yaml' : `audit-policy-${n}.yaml`;
    const target = folder === undefined ? Uri.from({ scheme: 'untitled', path: name }) : Uri.joinPath(folder, name);
    if (open.has(target.path) || (folder !== undefined && (await exists(target)))) continue;
    return target.with({ scheme: 'untitled' });
  }
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
