// Settings per document (the client may scope them to a workspace folder). Asked once per document
// through workspace/configuration and kept until didChangeConfiguration; a client that cannot be
// asked pushes them with didChangeConfiguration instead. The repository config file above the
// document is read once per folder (by the platform) and again after configFilesChanged(); its
// problems are logged once.
import type { Connection, DidChangeConfigurationParams } from 'vscode-languageserver';
import { LineIndex } from '../core/span.ts';
import type { FoundConfig } from '../io/repositoryConfigFile.ts';
import { SETTINGS_SECTION } from '../protocol.ts';
import type { RepositoryConfigs } from './platform/serverPlatform.ts';
import type { Log } from './runSafe.ts';
import { errorText } from './runSafe.ts';
import { resolveSettings, type ServerSettings } from './settings.ts';

export class SettingsStore {
  private readonly byUri = new Map<string, Promise<ServerSettings>>();
  private readonly reported = new Set<string>();
  private pushed: unknown = undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canAsk: () => boolean,
    private readonly log: Log,
    private readonly configs: RepositoryConfigs,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = Promise.all([this.raw(uri), this.config(uri)]).then(([raw, config]) => resolveSettings(raw, config));
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  changed(params: DidChangeConfigurationParams): void {
    this.byUri.clear();
    const raw: unknown = params.settings;
    if (!this.canAsk() && typeof raw === 'object' && raw !== null) this.pushed = (raw as Record<string, unknown>)[SETTINGS_SECTION];
  }

  /** A `.kube-audit-policy.yaml` was created, changed or deleted somewhere. */
  configFilesChanged(): void {
    this.configs.clear();
    this.byUri.clear();
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  private raw(uri: string): Promise<unknown> {
    if (!this.canAsk()) return Promise.resolve(this.pushed);
    return this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
      (raw: unknown) => raw,
      (e: unknown) => {
        this.log(`Reading settings for ${uri} failed, using defaults: ${errorText(e)}`);
        return undefined;
      },
    );
  }

  private async config(uri: string): Promise<FoundConfig | undefined> {
    try {
      const found = await this.configs.forUri(uri);
      if (found) this.report(found);
      return found;
    } catch (e) {
      this.log(`Looking for the repository config of ${uri} failed: ${errorText(e)}`);
      return undefined;
    }
  }

  private report(found: FoundConfig): void {
    const id = `${found.path}\0${found.text}`;
    if (found.parsed.problems.length === 0 || this.reported.has(id)) return;
    this.reported.add(id);
    const lines = new LineIndex(found.text);
    for (const p of found.parsed.problems) {
      const at = lines.position(p.span.start);
      this.log(`${found.path}:${at.line + 1}:${at.character + 1}: ${p.message} (this entry is ignored)`);
    }
  }
}
