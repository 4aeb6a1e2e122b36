// Result panels: read-only pages beside the editor that show what a command computed (Explain
// Request's trace; Compare and policy-test results can use the same), rendered rather than as
// Markdown source. A view is a pure function to a VNode tree (view/dom.ts: data only ever becomes
// text nodes or harmless attributes); the panel posts the tree to one shared webview script
// (view/resultMain.ts) and hands each button's `data-action` to the content's handler. One panel
// per key (e.g. per policy), updated in place by the next result.
import { Uri, ViewColumn, window, type Disposable, type WebviewPanel } from 'vscode';
import type { ClientContext } from '../clientContext.ts';
import { webviewHtml } from './html.ts';
import { isResultToHost, type HostToResult } from './resultMessages.ts';
import type { VNode } from './view/dom.ts';
import { webviewFolder, webviewOptions } from './webviewOptions.ts';

export const RESULT_VIEW_TYPE = 'kubeAuditPolicy.result';

export interface ResultContent {
  /** The tab's title. */
  readonly title: string;
  readonly body: VNode;
  /**
   * Runs a button's action: its `data-action` and its other `data-*` values by dataset name
   * (`data-rule` -> `rule`). They come from the webview: check them before use.
   */
  readonly onAction?: (action: string, data: Readonly<Record<string, string>>) => unknown;
}

export class ResultPanel implements Disposable {
  private static readonly open = new Map<string, ResultPanel>();
  private readonly disposables: Disposable[] = [];
  private disposed = false;

  /** Shows `content` in the panel for `key` (a new one opens in `column`), leaving the focus where it is. */
  static show(ctx: ClientContext, key: string, content: ResultContent, column: ViewColumn = ViewColumn.Beside): ResultPanel {
    const existing = ResultPanel.open.get(key);
    if (existing) {
      existing.update(content);
      existing.panel.reveal(existing.panel.viewColumn, true);
      return existing;
    }
    const panel = window.createWebviewPanel(RESULT_VIEW_TYPE, content.title, { viewColumn: column, preserveFocus: true }, webviewOptions(ctx));
    return new ResultPanel(ctx, key, panel, content);
  }

  private constructor(
    private readonly ctx: ClientContext,
    private readonly key: string,
    readonly panel: WebviewPanel,
    private content: ResultContent,
  ) {
    ResultPanel.open.set(key, this);
    const scriptUri = panel.webview.asWebviewUri(Uri.joinPath(webviewFolder(ctx), 'result.js'));
    panel.webview.html = webviewHtml({ scriptUri: scriptUri.toString(), title: 'Kubernetes Audit Policy' });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isResultToHost(m)) {
          ctx.output.warn(`Result panel: ignored an unexpected message ${JSON.stringify(m)?.slice(0, 200)}`);
          return;
        }
        // A hidden tab's page is dropped and reloads when shown again: it asks for its content.
        if (m.type === 'ready') this.post();
        else void this.act(m.action, m.data);
      }),
    );
  }

  update(content: ResultContent): void {
    this.content = content;
    this.panel.title = content.title;
    this.post();
  }

  private post(): void {
    const message: HostToResult = { type: 'render', body: this.content.body };
    void this.panel.webview.postMessage(message);
  }

  private async act(action: string, data: Readonly<Record<string, string>>): Promise<void> {
    try {
      await this.content.onAction?.(action, data);
    } catch (e) {
      this.ctx.output.error(`Result panel action ${action} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  static disposeAll(): void {
    for (const panel of [...ResultPanel.open.values()]) panel.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ResultPanel.open.get(this.key) === this) ResultPanel.open.delete(this.key);
    this.panel.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}

/** Every open result panel is closed with the extension. */
export const disposeResultPanels: Disposable = { dispose: () => ResultPanel.disposeAll() };
