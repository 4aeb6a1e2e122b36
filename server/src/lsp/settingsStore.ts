// Settings per document (the client may scope them to a workspace folder). Asked once per document
// through workspace/configuration and kept until didChangeConfiguration; a client that cannot be
// asked pushes them with didChangeConfiguration instead.
import type { Connection, DidChangeConfigurationParams } from 'vscode-languageserver';
import { SETTINGS_SECTION } from '../protocol.ts';
import type { Log } from './runSafe.ts';
import { errorText } from './runSafe.ts';
import { DEFAULT_SETTINGS, resolveSettings, type ServerSettings } from './settings.ts';

export class SettingsStore {
  private readonly byUri = new Map<string, Promise<ServerSettings>>();
  private pushed: ServerSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly canAsk: () => boolean,
    private readonly log: Log,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.canAsk()) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw: unknown) => resolveSettings(raw),
        (e: unknown) => {
          this.log(`Reading settings for ${uri} failed, using defaults: ${errorText(e)}`);
          return DEFAULT_SETTINGS;
        },
      );
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  changed(params: DidChangeConfigurationParams): void {
    this.byUri.clear();
    const raw: unknown = params.settings;
    if (!this.canAsk() && typeof raw === 'object' && raw !== null) this.pushed = resolveSettings((raw as Record<string, unknown>)[SETTINGS_SECTION]);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
