// Kubernetes Audit Policy: Explain Request… — asks for a request (or an audit Event), lets the
// server evaluate it against the policy as typed, highlights the matching rule and shows the whole
// trace beside the policy, rendered in a result panel (its "Open as Markdown" gives the same as a
// read-only Markdown document).
import { Uri, ViewColumn, window, workspace, type TextEditor } from 'vscode';
import { ExplainRequest, type ExplainRequestResult, type ExplainSuccess } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { looksLikeEvent, parseGroups, readExplainArgs, validateRequestInput, type ExplainInput } from '../explainInput.ts';
import { revealRange } from '../revealRange.ts';
import { toVsRange } from '../toVsRange.ts';
import { uriName } from '../uriName.ts';
import { addTestCase } from '../testing/addTestCase.ts';
import { EXPLAIN_ACTIONS, explainPage, type ExplainPageOptions } from '../webview/explainPage.ts';
import { ResultPanel } from '../webview/resultPanel.ts';

const LAST_INPUT_KEY = 'kubeAuditPolicy.explain.lastInput';
const TITLE = 'Explain Request';

export function explainRequest(ctx: ClientContext) {
  return async (arg?: unknown): Promise<void> => {
    const args = readExplainArgs(arg);
    const editor = await policyEditor(args.uri);
    if (!editor) {
      void window.showErrorMessage('Explain Request: open an audit policy (a YAML file) first.');
      return;
    }
    const input = args.input ?? (await askInput(ctx, args.example ?? ctx.extension.workspaceState.get<ExplainInput>(LAST_INPUT_KEY)));
    if (!input) return;
    if (!args.input) await ctx.extension.workspaceState.update(LAST_INPUT_KEY, input);
    let result: ExplainRequestResult;
    try {
      result = await ctx.client.sendRequest(ExplainRequest, {
        textDocument: { uri: ctx.client.code2ProtocolConverter.asUri(editor.document.uri) },
        ...input,
      });
    } catch (e) {
      // The server is not running or the request failed: say so instead of an unexplained failure.
      ctx.output.error(`Explain Request failed: ${e instanceof Error ? e.message : String(e)}`);
      void window.showErrorMessage('Explain Request: the language server did not answer; see "Kubernetes Audit Policy: Show Output".');
      return;
    }
    if (!result.ok) {
      void window.showErrorMessage(`Explain Request: ${result.message}`);
      return;
    }
    await showExplanation(ctx, editor, result);
  };
}

/** The editor to explain against: the one named by the arguments, else the active or a visible YAML editor. */
export async function policyEditor(uri: string | undefined): Promise<TextEditor | undefined> {
  if (uri !== undefined) {
    const target = Uri.parse(uri);
    const visible = window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
    return visible ?? window.showTextDocument(await workspace.openTextDocument(target));
  }
  const active = window.activeTextEditor;
  if (active?.document.languageId === 'yaml') return active;
  return window.visibleTextEditors.find((e) => e.document.languageId === 'yaml');
}

async function askInput(ctx: ClientContext, prefill: ExplainInput | undefined): Promise<ExplainInput | undefined> {
  const request = await window.showInputBox({
    title: `${TITLE} (1/3)`,
    prompt: 'A request as kube-apiserver receives it (method or verb, then the path), or a pasted audit Event JSON',
    placeHolder: 'GET /api/v1/namespaces/kube-system/secrets/foo',
    value: prefill?.request ?? '',
    ignoreFocusOut: true,
    validateInput: validateRequestInput,
  });
  if (request === undefined) return undefined;
  if (looksLikeEvent(request)) return { request: request.trim() };
  const user = await window.showInputBox({
    title: `${TITLE} (2/3)`,
    prompt: 'The authenticated user name (leave empty for a request without a user)',
    placeHolder: 'alice or system:serviceaccount:kube-system:default',
    value: prefill?.user ?? '',
    ignoreFocusOut: true,
  });
  if (user === undefined) return undefined;
  if (user.trim() === '') return { request: request.trim() };
  const groups = await window.showInputBox({
    title: `${TITLE} (3/3)`,
    prompt: "The user's groups, separated by commas",
    placeHolder: 'system:authenticated, system:masters',
    value: (prefill?.groups ?? ['system:authenticated']).join(', '),
    ignoreFocusOut: true,
  });
  if (groups === undefined) return undefined;
  ctx.output.info(`Explain Request: ${request.trim()} as ${user.trim()} [${parseGroups(groups).join(', ')}]`);
  return { request: request.trim(), user: user.trim(), groups: parseGroups(groups) };
}

/** Shows an explanation beside the policy's editor (`testCase`: the test case it explains, which has no "Add as test case"). */
export async function showExplanation(ctx: ClientContext, editor: TextEditor, result: ExplainSuccess, options: ExplainPageOptions = {}): Promise<void> {
  const policy = editor.document.uri;
  const name = uriName(policy);
  const column = editor.viewColumn === ViewColumn.One || editor.viewColumn === undefined ? ViewColumn.Beside : ViewColumn.One;
  const panel = ResultPanel.show(
    ctx,
    `explain ${policy.toString()}`,
    {
      title: `Explain: ${name}`,
      body: explainPage(result, name, options),
      onAction: async (action, data) => {
        if (action === EXPLAIN_ACTIONS.addTestCase) {
          await addTestCase(ctx, policy, result.attributes);
          return;
        }
        if (action === EXPLAIN_ACTIONS.markdown) {
          const doc = await workspace.openTextDocument(ctx.explainDocuments.set(policy, result.markdown));
          await window.showTextDocument(doc, { viewColumn: panel.panel.viewColumn ?? ViewColumn.Beside, preview: true });
          return;
        }
        const location = action === EXPLAIN_ACTIONS.reveal ? result.rules[Number(data['rule'])] : undefined;
        if (location) await revealRange(policy, toVsRange(location.range), panel.panel.viewColumn);
      },
    },
    column,
  );
  const shown = await window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  const range = ctx.highlighter.show(shown, result);
  if (range) await revealRange(policy, range);
  else void window.showInformationMessage(`No rule matches this request: it is logged at level ${result.evaluation.level}.`);
}
