// Loading audit logs into the language server for replay: from the picker (the command) or from
// the `kubeAuditPolicy.replay.logFiles` setting of each workspace folder, so replay comes back with
// the workspace (and after a server restart). Progress (log n/m, events, MB) shows in VS Code's
// progress notification, which cancels the load.
import { ProgressLocation, window, workspace, type WorkspaceFolder } from 'vscode';
import { SETTINGS_SECTION, ReplayLoadRequest, type ReplayLoadResult, type ReplayProgress } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { ReplayPanel } from './panel.ts';

/** `kubeAuditPolicy.replay.logFiles`: paths relative to the workspace folder, or absolute. */
export const LOG_FILES_KEY = 'replay.logFiles';

export interface LogTarget {
  /** The folder's protocol URI ("" outside any folder). */
  readonly workspace: string;
  /** The folder's path on disk: relative log paths are read from here. */
  readonly cwd?: string;
  readonly files: readonly string[];
}

/** What each folder last asked to load, so a settings change reloads only what changed. */
const requested = new Map<string, string>();
const progressListeners = new Map<number, (p: ReplayProgress) => void>();
let nextLoadId = 1;

export const onReplayProgress = (p: ReplayProgress): void => progressListeners.get(p.loadId)?.(p);

const mb = (n: number): string => (n / (1 << 20)).toFixed(n < 10 << 20 ? 1 : 0);

export function configuredLogFiles(folder: WorkspaceFolder): string[] {
  const value: unknown = workspace.getConfiguration(SETTINGS_SECTION, folder.uri).get(LOG_FILES_KEY);
  return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [];
}

export function folderTarget(ctx: ClientContext, folder: WorkspaceFolder | undefined, files: readonly string[]): LogTarget {
  return folder ? { workspace: ctx.client.code2ProtocolConverter.asUri(folder.uri), cwd: folder.uri.fsPath, files } : { workspace: '', files };
}

/** Loads every folder's configured logs; with `onlyChanged`, only lists that differ from the last request. */
export async function loadConfiguredLogs(ctx: ClientContext, onlyChanged: boolean): Promise<void> {
  for (const folder of workspace.workspaceFolders ?? []) {
    const target = folderTarget(ctx, folder, configuredLogFiles(folder));
    if (target.files.length === 0 || (onlyChanged && requested.get(target.workspace) === JSON.stringify(target.files))) continue;
    await loadLogs(ctx, target);
  }
}

/** Reads `target` into the server's index for its folder; undefined when cancelled. */
export function loadLogs(ctx: ClientContext, target: LogTarget): Thenable<ReplayLoadResult | undefined> {
  requested.set(target.workspace, JSON.stringify(target.files));
  const count = `${target.files.length} audit log${target.files.length === 1 ? '' : 's'}`;
  return window.withProgress({ location: ProgressLocation.Notification, title: `Replaying ${count}`, cancellable: true }, async (progress, token) => {
    const loadId = nextLoadId++;
    let done = 0;
    progressListeners.set(loadId, (p) => {
      const percent = p.totalBytes > 0 ? Math.min(100, (100 * p.bytes) / p.totalBytes) : 0;
      progress.report({
        increment: percent - done,
        message: `log ${p.fileIndex + 1}/${p.fileCount} · ${p.events.toLocaleString('en-US')} events · ${mb(p.bytes)} of ${mb(p.totalBytes)} MB`,
      });
      done = percent;
    });
    ReplayPanel.busy(`Reading ${count}…`);
    try {
      const result = await ctx.client.sendRequest(ReplayLoadRequest, { ...target, loadId }, token);
      report(ctx, result);
      return result;
    } catch (e) {
      if (token.isCancellationRequested) {
        void window.showInformationMessage('Replay cancelled: the logs loaded before (if any) stay loaded.');
        return undefined;
      }
      void window.showErrorMessage(`Replay failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    } finally {
      progressListeners.delete(loadId);
      ReplayPanel.refreshAll();
    }
  });
}

function report(ctx: ClientContext, result: ReplayLoadResult): void {
  if (!result.ok) {
    void window.showErrorMessage(`Replay: ${result.message}`);
    return;
  }
  ctx.output.info(`Replay: ${result.events} events from ${result.files.join(', ')}; ${result.errors} unreadable.`);
  if (result.inputErrors.length > 0) {
    void window.showWarningMessage(`Replay: ${result.inputErrors.map((e) => `${e.file}: ${e.message}`).join('; ')}`);
  }
}
