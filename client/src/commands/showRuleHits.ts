// Kubernetes Audit Policy: Show Replay Panel — also what a rule's "N hits" code lens runs (with
// protocol.ts `ShowRuleHitsArgs`): the panel opens on that policy scrolled to the rule's row,
// highlighted, with its shapes filtered to the rule.
import { window } from 'vscode';
import type { ShowRuleHitsArgs } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { ReplayPanel } from '../webview/panel.ts';
import { policyEditor } from './explainRequest.ts';

const isArgs = (v: unknown): v is ShowRuleHitsArgs =>
  typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)['uri'] === 'string' && Number.isSafeInteger((v as Record<string, unknown>)['rule']);

export function showRuleHits(ctx: ClientContext) {
  return async (arg?: unknown): Promise<void> => {
    if (isArgs(arg)) {
      ReplayPanel.createOrShow(ctx, ctx.client.protocol2CodeConverter.asUri(arg.uri), { rule: arg.rule }, arg.rule);
      return;
    }
    const editor = await policyEditor(undefined);
    if (!editor) {
      void window.showErrorMessage('Replay: open an audit policy (a YAML file) first.');
      return;
    }
    ReplayPanel.createOrShow(ctx, editor.document.uri);
  };
}
