// Kubernetes Audit Policy: Show Documentation of a Finding Code… — opens the code's page in VS Code's
// Markdown preview, beside the policy. The page is the one shipped with the extension
// (docs/codes/<code>.md), so it needs no network and matches the installed version. Diagnostics' code
// links and the "Show documentation" code action call it with the code; from the palette it asks.
import { commands, Uri, ViewColumn, window } from 'vscode';
import { CODES, isCode, type Code } from '../../../server/src/core/codes.ts';
import { codeDocumentationPath } from '../../../server/src/core/describe/codeDocumentationUrl.ts';
import type { ClientContext } from '../clientContext.ts';

export const SHOW_CODE_DOCUMENTATION_COMMAND = 'kubeAuditPolicy.showCodeDocumentation';

export function showCodeDocumentation(ctx: ClientContext) {
  return async (code?: unknown): Promise<void> => {
    const chosen = typeof code === 'string' && isCode(code) ? code : await pickCode();
    if (chosen === undefined) return;
    const page = Uri.joinPath(ctx.extension.extensionUri, ...codeDocumentationPath(chosen).split('/'));
    try {
      await commands.executeCommand('markdown.showPreviewToSide', page);
    } catch (e) {
      // The built-in Markdown extension can be disabled: the page as text still answers the question.
      ctx.output.warn(`Markdown preview unavailable (${e instanceof Error ? e.message : String(e)}); opening ${page.fsPath} as text`);
      await window.showTextDocument(page, { viewColumn: ViewColumn.Beside, preview: true });
    }
  };
}

async function pickCode(): Promise<Code | undefined> {
  const items = (Object.keys(CODES) as Code[]).map((code) => ({ label: code, description: CODES[code].severity, detail: CODES[code].summary }));
  const picked = await window.showQuickPick(items, { title: 'Show Documentation of a Finding Code', placeHolder: 'a finding code', matchOnDetail: true });
  return picked?.label;
}
