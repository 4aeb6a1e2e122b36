// The context key `kubeAuditPolicy.isPolicy`: whether the active editor holds an audit policy (the
// server decides, as for diagnostics), so policy-only editor actions (Compare with…) appear on
// policies and on no other YAML file. Asked again when the active editor changes or is saved.
import { commands, window, workspace, type Disposable, type TextEditor } from 'vscode';
import { DocumentKindRequest } from '../../server/src/protocol.ts';
import type { ClientContext } from './clientContext.ts';

export const IS_POLICY_CONTEXT = 'kubeAuditPolicy.isPolicy';

export function watchDocumentKind(ctx: ClientContext): Disposable {
  let seq = 0;
  const update = async (editor: TextEditor | undefined): Promise<void> => {
    const mine = ++seq;
    let policy = false;
    if (editor?.document.languageId === 'yaml' && ctx.client.isRunning()) {
      const uri = ctx.client.code2ProtocolConverter.asUri(editor.document.uri);
      policy = (await ctx.client.sendRequest(DocumentKindRequest, { textDocument: { uri } }).catch(() => 'other')) === 'policy';
    }
    if (mine === seq) await commands.executeCommand('setContext', IS_POLICY_CONTEXT, policy);
  };
  const subscriptions = [
    window.onDidChangeActiveTextEditor((e) => void update(e)),
    workspace.onDidSaveTextDocument((d) => {
      if (d === window.activeTextEditor?.document) void update(window.activeTextEditor);
    }),
    ctx.client.onDidChangeState(() => void update(window.activeTextEditor)),
  ];
  void update(window.activeTextEditor);
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
