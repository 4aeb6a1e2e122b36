// Kubernetes Audit Policy: Replay Audit Logs… — picks logs (several, .gz too) and adds them to the
// logs replayed for the policy's workspace folder (the panel removes one), remembers the list in
// the folder's `kubeAuditPolicy.replay.logFiles` (so replay reopens with the workspace) and opens
// the panel. Scripts and tests may pass `{ files: string[] }` (relative to the folder, or absolute)
// to skip the picker.
import { relative, isAbsolute } from 'node:path';
import { window, workspace, type Uri, type WorkspaceFolder } from 'vscode';
import type { ClientContext } from '../clientContext.ts';
import { ReplayPanel } from '../webview/panel.ts';
import { addLogs } from '../webview/replayLogs.ts';
import { policyEditor } from './explainRequest.ts';

const readFiles = (arg: unknown): string[] | undefined => {
  const files = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>)['files'] : undefined;
  return Array.isArray(files) && files.length > 0 && files.every((f) => typeof f === 'string') ? files : undefined;
};

/** Inside the folder: a relative path (the setting stays valid when the folder moves); else absolute. */
function settingPath(folder: WorkspaceFolder | undefined, file: Uri): string {
  if (!folder) return file.fsPath;
  const rel = relative(folder.uri.fsPath, file.fsPath);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file.fsPath : rel;
}

export function replayAuditLogs(ctx: ClientContext) {
  return async (arg?: unknown): Promise<void> => {
    const editor = await policyEditor(undefined);
    const folder = (editor && workspace.getWorkspaceFolder(editor.document.uri)) ?? workspace.workspaceFolders?.[0];
    let files = readFiles(arg);
    if (!files) {
      const picked = await window.showOpenDialog({
        title: 'Audit logs to add to the replay (JSON lines, EventList or JSON array; gzip too)',
        openLabel: 'Add to replay',
        canSelectMany: true,
        canSelectFolders: false,
        ...(folder ? { defaultUri: folder.uri } : {}),
        filters: { 'Audit logs': ['log', 'jsonl', 'json', 'gz', 'txt'], 'All files': ['*'] },
      });
      if (!picked || picked.length === 0) return;
      files = picked.map((u) => settingPath(folder, u));
    }
    const result = await addLogs(ctx, folder, files);
    if (!result?.ok) return;
    if (editor) ReplayPanel.createOrShow(ctx, editor.document.uri);
    else void window.showInformationMessage(`Replayed ${result.events.toLocaleString('en-US')} events: open an audit policy to see what it would log.`);
  };
}
