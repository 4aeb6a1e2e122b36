// Loading audit logs into the language server for replay: from the picker (the command adds logs),
// the panel (which removes one) or the `kubeAuditPolicy.replay.logFiles` setting of each workspace
// folder, so replay comes back with the workspace (and after a server restart). The setting is the
// list of a folder's logs; outside any folder the list lives here. Progress (log n/m, events, MB)
// shows in VS Code's progress notification, which cancels the load.
import { ConfigurationTarget, EventEmitter, ProgressLocation, window, workspace, type Uri, type WorkspaceFolder } from 'vscode';
import { SETTINGS_SECTION, ReplayLoadRequest, ReplayUnloadRequest, type ReplayLoadResult, type ReplayProgress } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';

/** `kubeAuditPolicy.replay.logFiles`: paths relative to the workspace folder, or absolute. */
export const LOG_FILES_KEY = 'replay.logFiles';

export interface LogTarget {
  /** The folder's protocol URI ("" outside any folder). */
  readonly workspace: string;
  /** The folder's path on disk: relative log paths are read from here. */
  readonly cwd?: string;
  readonly files: readonly string[];
}

/** What each folder ("" outside any) last asked to load, so a settings change reloads only what changed. */
const requested = new Map<string, readonly string[]>();
const progressListeners = new Map<number, (p: ReplayProgress) => void>();
let nextLoadId = 1;

export const onReplayProgress = (p: ReplayProgress): void => progressListeners.get(p.loadId)?.(p);

// Told to the replay panel through events (registerReplay subscribes it): the panel imports this module.
const reading = new EventEmitter<string>();
const changed = new EventEmitter<void>();
/** Logs start loading: what the panel shows meanwhile. */
export const onLogsReading = reading.event;
/** The loaded logs changed, or a load ended: the panel asks again. */
export const onLogsChanged = changed.event;

const mb = (n: number): string => (n / (1 << 20)).toFixed(n < 10 << 20 ? 1 : 0);
const sameList = (a: readonly string[], b: readonly string[] | undefined): boolean => b !== undefined && a.length === b.length && a.every((f, i) => f === b[i]);

export function configuredLogFiles(folder: WorkspaceFolder): string[] {
  const value: unknown = workspace.getConfiguration(SETTINGS_SECTION, folder.uri).get(LOG_FILES_KEY);
  return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [];
}

export function folderTarget(ctx: ClientContext, folder: WorkspaceFolder | undefined, files: readonly string[]): LogTarget {
  return folder ? { workspace: ctx.client.code2ProtocolConverter.asUri(folder.uri), cwd: folder.uri.fsPath, files } : { workspace: '', files };
}

/** The logs replayed for `folder` (undefined: outside any folder). */
const currentLogs = (ctx: ClientContext, folder: WorkspaceFolder | undefined): readonly string[] =>
  folder ? configuredLogFiles(folder) : (requested.get(folderTarget(ctx, undefined, []).workspace) ?? []);

/**
 * Loads every folder's configured logs; with `onlyChanged`, only lists that differ from the last
 * request (a list emptied in the settings unloads the folder's logs).
 */
export async function loadConfiguredLogs(ctx: ClientContext, onlyChanged: boolean): Promise<void> {
  for (const folder of workspace.workspaceFolders ?? []) {
    const target = folderTarget(ctx, folder, configuredLogFiles(folder));
    const before = requested.get(target.workspace);
    if (onlyChanged && (sameList(target.files, before) || (target.files.length === 0 && before === undefined))) continue;
    if (target.files.length > 0) await loadLogs(ctx, target);
    else if (before !== undefined) await unload(ctx, target.workspace);
  }
}

/**
 * Adds `files` to the logs replayed for `folder` (those already there are read again, so a grown
 * log is counted whole) and stores the list in the folder's setting. Undefined when cancelled.
 */
export async function addLogs(ctx: ClientContext, folder: WorkspaceFolder | undefined, files: readonly string[]): Promise<ReplayLoadResult | undefined> {
  const current = currentLogs(ctx, folder);
  const all = [...current, ...files.filter((f, i) => !current.includes(f) && files.indexOf(f) === i)];
  const result = await loadLogs(ctx, folderTarget(ctx, folder, all));
  if (result?.ok) await remember(folder, all);
  return result;
}

/** Stops replaying `file` for the folder of `policy`: the other logs are read again, or none are left. */
export async function removeLog(ctx: ClientContext, policy: Uri, file: string): Promise<void> {
  const folder = workspace.getWorkspaceFolder(policy);
  const current = currentLogs(ctx, folder);
  if (!current.includes(file)) return;
  const rest = current.filter((f) => f !== file);
  const target = folderTarget(ctx, folder, rest);
  if (rest.length === 0) await unload(ctx, target.workspace);
  else if (!(await loadLogs(ctx, target))?.ok) return;
  await remember(folder, rest);
}

async function remember(folder: WorkspaceFolder | undefined, files: readonly string[]): Promise<void> {
  if (folder) await workspace.getConfiguration(SETTINGS_SECTION, folder.uri).update(LOG_FILES_KEY, files, ConfigurationTarget.WorkspaceFolder);
}

async function unload(ctx: ClientContext, folder: string): Promise<void> {
  requested.set(folder, []);
  try {
    await ctx.client.sendRequest(ReplayUnloadRequest, { workspace: folder });
  } catch (e) {
    void window.showErrorMessage(`Replay: removing the logs failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    changed.fire();
  }
}

/** Reads `target` into the server's index for its folder, replacing what it held; undefined when cancelled. */
export function loadLogs(ctx: ClientContext, target: LogTarget): Thenable<ReplayLoadResult | undefined> {
  const before = requested.get(target.workspace);
  requested.set(target.workspace, target.files);
  // A load that fails or is cancelled leaves the previous logs in the server: so is the record here.
  const restore = (): void => {
    if (requested.get(target.workspace) !== target.files) return;
    if (before === undefined) requested.delete(target.workspace);
    else requested.set(target.workspace, before);
  };
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
    reading.fire(`Reading ${count}…`);
    try {
      const result = await ctx.client.sendRequest(ReplayLoadRequest, { ...target, loadId }, token);
      if (!result.ok) restore();
      report(ctx, result);
      return result;
    } catch (e) {
      restore();
      if (token.isCancellationRequested) {
        void window.showInformationMessage('Replay cancelled: the logs loaded before (if any) stay loaded.');
        return undefined;
      }
      void window.showErrorMessage(`Replay failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    } finally {
      progressListeners.delete(loadId);
      changed.fire();
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
