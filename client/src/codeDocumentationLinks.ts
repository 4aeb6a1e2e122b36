// Diagnostics link their code to its page on the web (codeDescription, from the server, which does not
// know its editor), and so do the server's hovers (a finding's detail, "Order matters"). In VS Code
// those links open the page shipped with the extension instead, rendered and offline, through a
// command: URI (the Problems panel and the hover open those with commands allowed, VS Code 1.91+;
// hover Markdown is trusted for that one command). A code action on each finding does the same from
// the light bulb and the hover.
import { CodeAction, CodeActionKind, languages, MarkdownString, Uri, type CodeActionProvider, type Diagnostic, type Disposable, type Hover } from 'vscode';
import type { Middleware } from 'vscode-languageclient';
import { CODES, isCode, type Code } from '../../server/src/core/codes.ts';
import { codeDocumentationUrl } from '../../server/src/core/describe/codeDocumentationUrl.ts';
import { DIAGNOSTIC_SOURCE } from '../../server/src/protocol.ts';
import { SHOW_CODE_DOCUMENTATION_COMMAND } from './commands/showCodeDocumentation.ts';

/** The code of one of our diagnostics, when it has one. */
function codeOf(d: Diagnostic): Code | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || d.code === undefined) return undefined;
  const value = String(typeof d.code === 'object' ? d.code.value : d.code);
  return isCode(value) ? value : undefined;
}

export const codeDocumentationUri = (code: Code): Uri => Uri.from({ scheme: 'command', path: SHOW_CODE_DOCUMENTATION_COMMAND, query: JSON.stringify([code]) });

/** The code link of each of our diagnostics points at the local page. */
function withLocalDocumentationLinks(diagnostics: Diagnostic[]): Diagnostic[] {
  for (const d of diagnostics) {
    const code = codeOf(d);
    if (code !== undefined) d.code = { value: code, target: codeDocumentationUri(code) };
  }
  return diagnostics;
}

const CODE_OF_URL = new Map((Object.keys(CODES) as Code[]).map((code) => [codeDocumentationUrl(code), code]));

/** Markdown whose links to a code's web page open the local page; the same object when it has none. */
function withLocalLinks(markdown: MarkdownString): MarkdownString {
  let changed = false;
  const value = markdown.value.replace(/\]\(([^)\s]+)\)/g, (link, url: string) => {
    const code = CODE_OF_URL.get(url);
    if (code === undefined) return link;
    changed = true;
    return `](${codeDocumentationUri(code).toString()})`;
  });
  if (!changed) return markdown;
  const local = new MarkdownString(value, markdown.supportThemeIcons);
  local.isTrusted = markdown.isTrusted === true ? true : { enabledCommands: [SHOW_CODE_DOCUMENTATION_COMMAND] };
  local.supportHtml = markdown.supportHtml;
  if (markdown.baseUri) local.baseUri = markdown.baseUri;
  return local;
}

function withLocalDocumentationHover(hover: Hover | null | undefined): Hover | null | undefined {
  if (hover) hover.contents = hover.contents.map((c) => (c instanceof MarkdownString ? withLocalLinks(c) : c));
  return hover;
}

/** The language client middleware of both platforms (desktop and browser): diagnostics and hovers link the local pages. */
export const documentationMiddleware: Middleware = {
  handleDiagnostics: (uri, diagnostics, next) => next(uri, withLocalDocumentationLinks(diagnostics)),
  provideHover: async (document, position, token, next) => withLocalDocumentationHover(await next(document, position, token)),
};

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
