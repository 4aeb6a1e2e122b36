// Diagnostics link their code to its page on the web (codeDescription, from the server, which does not
// know its editor). In VS Code the link opens the page shipped with the extension instead, rendered
// and offline, through a command: URI (the Problems panel and the hover open those with commands
// allowed, VS Code 1.91+). A code action on each finding does the same from the light bulb and hover.
import { CodeAction, CodeActionKind, languages, Uri, type CodeActionProvider, type Diagnostic, type Disposable } from 'vscode';
import { isCode, type Code } from '../../server/src/core/codes.ts';
import { DIAGNOSTIC_SOURCE } from '../../server/src/protocol.ts';
import { SHOW_CODE_DOCUMENTATION_COMMAND } from './commands/showCodeDocumentation.ts';

/** The code of one of our diagnostics, when it has one. */
function codeOf(d: Diagnostic): Code | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || d.code === undefined) return undefined;
  const value = String(typeof d.code === 'object' ? d.code.value : d.code);
  return isCode(value) ? value : undefined;
}

export const codeDocumentationUri = (code: Code): Uri => Uri.from({ scheme: 'command', path: SHOW_CODE_DOCUMENTATION_COMMAND, query: JSON.stringify([code]) });

/** Language client middleware: the code link of each of our diagnostics points at the local page. */
export function withLocalDocumentationLinks(diagnostics: Diagnostic[]): Diagnostic[] {
  for (const d of diagnostics) {
    const code = codeOf(d);
    if (code !== undefined) d.code = { value: code, target: codeDocumentationUri(code) };
  }
  return diagnostics;
}

const documentationActions: CodeActionProvider = {
  provideCodeActions(_document, _range, context) {
    const seen = new Set<Code>();
    const actions: CodeAction[] = [];
    for (const d of context.diagnostics) {
      const code = codeOf(d);
      if (code === undefined || seen.has(code)) continue;
      seen.add(code);
      const action = new CodeAction(`Show documentation for ${code}`, CodeActionKind.QuickFix);
      action.command = { command: SHOW_CODE_DOCUMENTATION_COMMAND, title: action.title, arguments: [code] };
      action.diagnostics = [d];
      actions.push(action);
    }
    return actions;
  },
};

export const registerDocumentationActions = (): Disposable =>
  languages.registerCodeActionsProvider({ language: 'yaml' }, documentationActions, { providedCodeActionKinds: [CodeActionKind.QuickFix] });
