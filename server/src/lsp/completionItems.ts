// The core's completions as LSP items replacing the word being typed, in the core's order: shared
// by policies and policy test files.
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import type { Completion } from '../core/complete/completionItems.ts';

const KINDS: Record<Completion['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  pattern: CompletionItemKind.Snippet,
};

/** Items replacing the word at `range`, in the order given. */
export function completionItems(items: readonly Completion[], range: Range): CompletionItem[] {
  return items.map((c, i) => ({
    label: c.label,
    kind: KINDS[c.kind],
    sortText: String(i).padStart(4, '0'),
    filterText: c.insert,
    textEdit: { range, newText: c.insert },
    ...(c.detail === undefined ? {} : { detail: c.detail }),
    ...(c.documentation === undefined ? {} : { documentation: { kind: MarkupKind.Markdown, value: c.documentation } }),
  }));
}
