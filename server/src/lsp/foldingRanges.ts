// Folding: the rules list, each rule, each resources entry and each multi-line list value.
import type { FoldingRange } from 'vscode-languageserver';
import type { Span } from '../core/span.ts';
import type { PolicyDocument } from './documentCache.ts';
import { policyHandler, type Feature } from './serverContext.ts';

export const foldingRangesFeature: Feature = {
  capabilities: { foldingRangeProvider: true },
  register(ctx) {
    ctx.connection.onFoldingRanges(policyHandler(ctx, 'Folding ranges', [], foldingRanges));
  },
};

export function foldingRanges(doc: PolicyDocument): FoldingRange[] {
  const { policy } = doc.lint;
  const spans: Span[] = [];
  const lastRule = policy.rules.at(-1);
  if (policy.source.rulesKey && lastRule) spans.push({ start: policy.source.rulesKey.start, end: lastRule.source.span.end });
  for (const rule of policy.rules) {
    spans.push(rule.source.span);
    for (const value of Object.values(rule.source.values)) spans.push(value);
    for (const gr of rule.resources) spans.push(gr.source.span);
  }
  const ranges = new Map<string, FoldingRange>();
  for (const s of spans) {
    const startLine = doc.lines.position(s.start).line;
    const endLine = doc.lines.position(lastNonSpace(doc.text, s)).line;
    if (endLine > startLine) ranges.set(`${startLine}:${endLine}`, { startLine, endLine });
  }
  return [...ranges.values()];
}

/** Offset of the last non-blank character of a span, so a fold never swallows trailing blank lines. */
function lastNonSpace(text: string, s: Span): number {
  let end = s.end;
  while (end > s.start && /\s/.test(text.charAt(end - 1))) end--;
  return Math.max(s.start, end - 1);
}
