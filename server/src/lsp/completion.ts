// Completion: the core finds the site (key or value of which field) in the possibly half-typed
// text and what fits there; this maps it to LSP items replacing the word being typed.
import { CompletionItemKind, MarkupKind, type CompletionItem, type TextDocumentPositionParams } from 'vscode-languageserver';
import { completionSite } from '../core/complete/completionSite.ts';
import { completions, type Completion } from '../core/complete/completionItems.ts';
import type { PolicyDocument } from './documentCache.ts';
import { policyHandler, type Feature } from './serverContext.ts';
import { toRange } from './toLsp.ts';

const KINDS: Record<Completion['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  pattern: CompletionItemKind.Snippet,
};

export const completionFeature: Feature = {
  capabilities: { completionProvider: { triggerCharacters: ['/', '"', '[', ','] } },
  register(ctx) {
    ctx.connection.onCompletion(policyHandler(ctx, 'Completion', [], completion));
  },
};

export function completion(doc: PolicyDocument, params: TextDocumentPositionParams): CompletionItem[] {
  const site = completionSite(doc.text, doc.lines.offset(params.position));
  if (!site) return [];
  const range = toRange(doc, site.word);
  return completions(site, doc.text.slice(site.word.start, site.word.end), doc.settings.kubernetesVersion).map((c, i) => ({
    label: c.label,
    kind: KINDS[c.kind],
    sortText: String(i).padStart(4, '0'),
    filterText: c.insert,
    textEdit: { range, newText: c.insert },
    ...(c.detail === undefined ? {} : { detail: c.detail }),
    ...(c.documentation === undefined ? {} : { documentation: { kind: MarkupKind.Markdown, value: c.documentation } }),
  }));
}
