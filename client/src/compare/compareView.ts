// The Compare with… view of one policy: a result panel beside it that the server's comparison of the
// policy as typed with its baseline fills, compared again shortly after each edit (and, for the
// saved version, after each save, which changes the baseline). While it is open the baseline is
// the policy's in `ctx.baselines`, so the replay panel shows its "vs baseline" column.
import { CancellationTokenSource, commands, ViewColumn, workspace, type Disposable, type TextDocument, type Uri } from 'vscode';
import { ComparePoliciesRequest, EXPLAIN_COMMAND, type ComparePoliciesResult } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { revealRange } from '../revealRange.ts';
import { toVsRange } from '../toVsRange.ts';
import { uriName } from '../uriName.ts';
import { COMPARE_ACTIONS, comparePage } from '../webview/comparePage.ts';
import { ResultPanel } from '../webview/resultPanel.ts';
import { readSaved, type BaselineSource } from './baselineSources.ts';

/** Typing pauses this long before the policy is compared again. */
const COMPARE_DELAY_MS = 250;

export interface BaselineChoice {
  readonly source: BaselineSource;
  readonly label: string;
  readonly text: string;
}

const open = new Map<string, CompareView>();

export class CompareView implements Disposable {
  private result: ComparePoliciesResult | null = null;
  private busy = false;
  private pending: CancellationTokenSource | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: Disposable[] = [];
  private readonly panel: ResultPanel;

  /** Opens (or points the open view of this policy at) a comparison with `baseline`. */
  static show(ctx: ClientContext, policy: TextDocument, column: ViewColumn | undefined, baseline: BaselineChoice): CompareView {
    const existing = open.get(policy.uri.toString());
    if (existing) {
      existing.baseline = baseline;
      existing.result = null;
      existing.panel.panel.reveal(existing.panel.panel.viewColumn, true);
      existing.start();
      return existing;
    }
    return new CompareView(ctx, policy, column === ViewColumn.One || column === undefined ? ViewColumn.Beside : ViewColumn.One, baseline);
  }

  private constructor(
    private readonly ctx: ClientContext,
    private readonly policy: TextDocument,
    column: ViewColumn,
    private baseline: BaselineChoice,
  ) {
    open.set(policy.uri.toString(), this);
    this.panel = ResultPanel.show(ctx, `compare ${policy.uri.toString()}`, this.content(), column);
    this.disposables.push(
      this.panel.panel.onDidDispose(() => this.dispose()),
      workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString() && e.contentChanges.length > 0) this.compareSoon();
      }),
      workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.toString() === this.uri.toString() && this.baseline.source === 'saved') void this.reloadSaved();
      }),
    );
    this.start();
  }

  private get uri(): Uri {
    return this.policy.uri;
  }

  private start(): void {
    this.ctx.baselines.set(this.uri, { label: this.baseline.label, text: this.baseline.text });
    this.render();
    void this.compare();
  }

  private content() {
    const name = uriName(this.uri);
    return {
      title: `Compare: ${name}`,
      body: comparePage({ policy: name, baseline: this.baseline.label, result: this.result, busy: this.busy }),
      onAction: (action: string, data: Readonly<Record<string, string>>) => this.act(action, data),
    };
  }

  private render(): void {
    this.panel.update(this.content());
  }

  private compareSoon(): void {
    clearTimeout(this.timer);
    this.busy = true;
    this.timer = setTimeout(() => void this.compare(), COMPARE_DELAY_MS);
  }

  private async reloadSaved(): Promise<void> {
    const read = await readSaved(this.uri);
    if (!read.ok) return;
    this.baseline = { ...this.baseline, text: read.text };
    this.ctx.baselines.set(this.uri, { label: this.baseline.label, text: read.text });
    await this.compare();
  }

  private async compare(): Promise<void> {
    this.pending?.cancel();
    const source = new CancellationTokenSource();
    this.pending = source;
    const version = this.policy.version;
    try {
      const result = await this.ctx.client.sendRequest(ComparePoliciesRequest, { textDocument: { uri: this.ctx.client.code2ProtocolConverter.asUri(this.uri) }, baseline: this.baseline.text }, source.token);
      if (source.token.isCancellationRequested || (result.ok && this.policy.version !== version)) return;
      this.result = result;
    } catch (e) {
      if (source.token.isCancellationRequested) return;
      this.result = { ok: false, message: `The language server did not answer: ${e instanceof Error ? e.message : String(e)}` };
    }
    this.busy = false;
    this.render();
  }

  private async act(action: string, data: Readonly<Record<string, string>>): Promise<void> {
    const change = this.result?.ok ? this.result.changes[Number(data['change'])] : undefined;
    if (!change) return;
    if (action === COMPARE_ACTIONS.reveal && change.afterRange) await revealRange(this.uri, toVsRange(change.afterRange), this.panel.panel.viewColumn);
    if (action === COMPARE_ACTIONS.explain) {
      const { request, user, groups } = change.witness;
      await commands.executeCommand(EXPLAIN_COMMAND, { uri: this.uri.toString(), request, ...(user === undefined ? {} : { user }), ...(groups === undefined ? {} : { groups }) });
    }
  }

  dispose(): void {
    if (open.get(this.uri.toString()) !== this) return;
    open.delete(this.uri.toString());
    clearTimeout(this.timer);
    this.pending?.cancel();
    this.ctx.baselines.delete(this.uri);
    this.panel.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }
}
