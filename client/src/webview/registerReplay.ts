// Wires replay into the extension at activation: the panel serializer (the panel survives a
// reload), the server's replay notifications, and loading each folder's configured logs whenever
// the server (re)starts or the setting changes.
import { Disposable, window, workspace } from 'vscode';
import { State } from 'vscode-languageclient';
import { ReplayDidChangeNotification, ReplayProgressNotification, SETTINGS_SECTION } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { ReplayPanel, REPLAY_VIEW_TYPE } from './panel.ts';
import { LOG_FILES_KEY, loadConfiguredLogs, onLogsChanged, onLogsReading, onReplayProgress } from './replayLogs.ts';

export function registerReplay(ctx: ClientContext): Disposable {
  const run = (onlyChanged: boolean): void => {
    loadConfiguredLogs(ctx, onlyChanged).catch((e: unknown) => ctx.output.error(`Replay: ${e instanceof Error ? e.message : String(e)}`));
  };
  return Disposable.from(
    window.registerWebviewPanelSerializer(REPLAY_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => ReplayPanel.revive(ctx, panel, state),
    }),
    ctx.client.onNotification(ReplayDidChangeNotification, (c) => ReplayPanel.changed(c.uri)),
    ctx.client.onNotification(ReplayProgressNotification, onReplayProgress),
    onLogsReading((message) => ReplayPanel.busy(message)),
    onLogsChanged(() => ReplayPanel.refreshAll()),
    // A new server process has no index: load the configured logs again.
    ctx.client.onDidChangeState((e) => {
      if (e.newState === State.Running) run(false);
    }),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.${LOG_FILES_KEY}`)) run(true);
      // Other settings (the Kubernetes version) change the replay too. On a later task, so the
      // language client has sent the server the configuration change before the panel asks again.
      else if (e.affectsConfiguration(SETTINGS_SECTION)) setTimeout(() => ReplayPanel.refreshAll(), 0);
    }),
    { dispose: () => ReplayPanel.disposeCurrent() },
  );
}
