// Outline: one entry per rule, named by its position and level, with a short summary as detail.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { ruleShortSummary } from '../core/describe/ruleSummary.ts';
import type { PolicyDocument } from './documentCache.ts';
import { policyHandler, type Feature } from './serverContext.ts';
import { toRange } from './toLsp.ts';

export const documentSymbolsFeature: Feature = {
  capabilities: { documentSymbolProvider: { label: 'Audit policy rules' } },
  register(ctx) {
    ctx.connection.onDocumentSymbol(policyHandler(ctx, 'Document symbols', [], documentSymbols));
  },
};

export function documentSymbols(doc: PolicyDocument): DocumentSymbol[] {
  const { policy } = doc.lint;
  return policy.rules.map((rule) => ({
    name: `Rule ${rule.index}: ${rule.level ?? 'invalid level'}`,
    detail: ruleShortSummary(rule),
    kind: SymbolKind.Object,
    range: toRange(doc, rule.source.span),
    selectionRange: toRange(doc, rule.source.keys.level ?? rule.source.span),
  }));
}
