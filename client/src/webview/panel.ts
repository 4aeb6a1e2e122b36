// The replay panel: one webview beside the policy it replays (it follows the active policy editor).
// It renders what the language server computes for the policy as typed; the host only relays:
// the webview posts a message, the host asks the server, the answer goes back to the webview.
import { commands, Uri, ViewColumn, window, type Disposable, type WebviewPanel } from 'vscode';
import type { ShapeQuery } from '../../../server/src/core/replay/queryShapes.ts';
import { ReplayBaselineRequest, ReplayExplainRequest, ReplayViewRequest, type ReplayViewData } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { REPLAY_AUDIT_LOGS_COMMAND } from '../commands/replayCommandIds.ts';
import { revealRange } from '../revealRange.ts';
import { addTestCase } from '../testing/addTestCase.ts';
import { toVsRange } from '../toVsRange.ts';
import { uriName } from '../uriName.ts';
import { webviewHtml } from './html.ts';
import { isPanelState, isViewToHost, type HostToView, type ViewToHost } from './messages.ts';
import { removeLog } from './replayLogs.ts';
import { webviewFolder, webviewOptions } from './webviewOptions.ts';

export const REPLAY_VIEW_TYPE = 'kubeAuditPolicy.replay';

export class ReplayPanel implements Disposable {
  private static current: ReplayPanel | undefined;
  private readonly disposables: Disposable[] = [];
  private disposed = false;
  private last: ReplayViewData | undefined;
  /** Answers to older view requests are dropped: the newest question wins. */
  private requestSeq = 0;

  /** Rule whose rows the next view scrolls to and highlights. */
  private focusRule: number | undefined;

  /**
   * Opens the panel on `policy` (or points the open one at it) with the given shape filters; with
   * `focusRule`, scrolled to that rule's row, highlighted.
   */
  static createOrShow(ctx: ClientContext, policy: Uri, query: ShapeQuery = {}, focusRule?: number): ReplayPanel {
    const current = ReplayPanel.current;
    if (current) {
      current.focusRule = focusRule;
      current.show(policy, query);
      current.panel.reveal(undefined, true);
      return current;
    }
    const panel = window.createWebviewPanel(REPLAY_VIEW_TYPE, 'Replay', { viewColumn: ViewColumn.Beside, preserveFocus: true }, webviewOptions(ctx));
    const created = new ReplayPanel(ctx, panel, policy, query);
    created.focusRule = focusRule;
    return created;
  }

  /** Restores a panel VS Code kept from the last session (its webview state names the policy). */
  static revive(ctx: ClientContext, panel: WebviewPanel, state: unknown): void {
    const saved = isPanelState(state) ? state : undefined;
    const policy = saved ? ctx.client.protocol2CodeConverter.asUri(saved.uri) : window.activeTextEditor?.document.uri;
    if (!policy) {
      panel.dispose();
      return;
    }
    ReplayPanel.current?.dispose();
    new ReplayPanel(ctx, panel, policy, saved?.query ?? {});
  }

  /** The server replayed this document again (an edit, a load): refresh if it is the one shown. */
  static changed(uri: string): void {
    const p = ReplayPanel.current;
    if (p && p.protocolUri() === uri) void p.refresh();
  }

  static refreshAll(): void {
    void ReplayPanel.current?.refresh();
  }

  static disposeCurrent(): void {
    ReplayPanel.current?.dispose();
  }

  static busy(message: string): void {
    ReplayPanel.current?.post({ type: 'busy', message });
  }

  private constructor(
    private readonly ctx: ClientContext,
    private readonly panel: WebviewPanel,
    private policy: Uri,
    private query: ShapeQuery,
  ) {
    ReplayPanel.current = this;
    panel.webview.options = webviewOptions(ctx);
    panel.title = `Replay: ${uriName(policy)}`;
    const scriptUri = panel.webview.asWebviewUri(Uri.joinPath(webviewFolder(ctx), 'main.js'));
    panel.webview.html = webviewHtml({ scriptUri: scriptUri.toString(), title: 'Audit log replay' });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isViewToHost(m)) void this.receive(m);
        else ctx.output.warn(`Replay panel: ignored an unexpected message ${JSON.stringify(m)?.slice(0, 200)}`);
      }),
      window.onDidChangeActiveTextEditor((editor) => {
        const doc = editor?.document;
        if (doc && doc.languageId === 'yaml' && doc.uri.toString() !== this.policy.toString()) void this.follow(doc.uri);
      }),
      // A Compare with… view opened or closed on this policy: the "vs baseline" column comes or goes.
      ctx.baselines.onDidChange((uri) => {
        if (uri.toString() === this.policy.toString()) void this.refresh();
      }),
    );
  }

  private show(policy: Uri, query: ShapeQuery): void {
    this.policy = policy;
    this.query = query;
    this.panel.title = `Replay: ${uriName(policy)}`;
    void this.refresh();
  }

  /** Follows the active editor to another policy; other YAML files leave the panel as it is. */
  private async follow(policy: Uri): Promise<void> {
    const uri = this.ctx.client.code2ProtocolConverter.asUri(policy);
    const view = await this.ctx.client.sendRequest(ReplayViewRequest, { textDocument: { uri }, query: {} }).catch(() => undefined);
    if (view && (view.ok || view.reason !== 'not-a-policy') && window.activeTextEditor?.document.uri.toString() === policy.toString()) this.show(policy, {});
  }

  private protocolUri(): string {
    return this.ctx.client.code2ProtocolConverter.asUri(this.policy);
  }

  private post(message: HostToView): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(m: ViewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        return this.refresh();
      case 'query':
        this.query = m.query;
        return this.refresh();
      case 'reveal':
        return this.reveal(m.rule);
      case 'explain':
        return this.explain(m.key);
      case 'pickLogs':
        await commands.executeCommand(REPLAY_AUDIT_LOGS_COMMAND);
        return;
      case 'removeLog':
        await removeLog(this.ctx, this.policy, m.file);
        return;
      case 'addTestCase':
        return this.addTestCase(m.key);
    }
  }

  async refresh(): Promise<void> {
    const seq = ++this.requestSeq;
    const query = this.query;
    try {
      const view = await this.ctx.client.sendRequest(ReplayViewRequest, { textDocument: { uri: this.protocolUri() }, query });
      if (seq !== this.requestSeq) return;
      this.last = view.ok ? view : undefined;
      const focusRule = view.ok ? this.focusRule : undefined;
      if (focusRule !== undefined) this.focusRule = undefined;
      this.post({ type: 'view', policy: uriName(this.policy), query, view, ...(focusRule === undefined ? {} : { focusRule }) });
      await this.compareWithBaseline(seq, view.ok ? view : undefined);
    } catch (e) {
      this.ctx.output.error(`Replay panel: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The "vs baseline" column of the shapes on screen, when a Compare with… view has a baseline for this policy. */
  private async compareWithBaseline(seq: number, view: ReplayViewData | undefined): Promise<void> {
    const baseline = this.ctx.baselines.get(this.policy);
    if (!baseline || !view) {
      this.post({ type: 'baseline', baseline: null });
      return;
    }
    const keys = view.shapes.rows.map((r) => r.key);
    const result = await this.ctx.client.sendRequest(ReplayBaselineRequest, { textDocument: { uri: this.protocolUri() }, baseline: baseline.text, keys });
    if (seq === this.requestSeq) this.post({ type: 'baseline', baseline: { label: baseline.label, result } });
  }

  /** The shape's request, read back by the server, pinned with its current outcome in the policy's test file. */
  private async addTestCase(key: number): Promise<void> {
    const explained = await this.ctx.client.sendRequest(ReplayExplainRequest, { textDocument: { uri: this.protocolUri() }, key });
    if (!explained.ok) {
      void window.showErrorMessage(`Add as test case: ${explained.message}`);
      return;
    }
    await addTestCase(this.ctx, this.policy, explained.attributes);
  }

  private async reveal(rule: number): Promise<void> {
    const range = this.last?.rules[rule]?.range;
    if (range) await revealRange(this.policy, toVsRange(range), this.panel.viewColumn);
  }

  private async explain(key: number): Promise<void> {
    const result = await this.ctx.client.sendRequest(ReplayExplainRequest, { textDocument: { uri: this.protocolUri() }, key });
    this.post({ type: 'explained', key, result });
    const editor = window.visibleTextEditors.find((e) => e.document.uri.toString() === this.policy.toString());
    if (result.ok && editor) this.ctx.highlighter.show(editor, result);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ReplayPanel.current === this) ReplayPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}
