// Go to definition from a rule that earlier rules shadow (fully or in part) to those earlier rules:
// the related locations the reachability findings of that rule carry.
import type { Location, TextDocumentPositionParams } from 'vscode-languageserver';
import type { Code } from '../core/codes.ts';
import type { PolicyDocument } from './documentCache.ts';
import { ruleAt } from './ruleAt.ts';
import { policyHandler, type Feature } from './serverContext.ts';
import { toLocation } from './toLsp.ts';

const COVERED_BY_EARLIER_RULES: ReadonlySet<Code> = new Set(['shadowed-rule', 'redundant-rule', 'partial-overlap']);

export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true },
  register(ctx) {
    ctx.connection.onDefinition(policyHandler(ctx, 'Definition', [], definition));
  },
};

export function definition(doc: PolicyDocument, params: TextDocumentPositionParams): Location[] {
  const rule = ruleAt(doc.lint.policy, doc.text, doc.lines.offset(params.position));
  if (!rule) return [];
  const seen = new Set<string>();
  const locations: Location[] = [];
  for (const f of doc.lint.findings) {
    if (f.rule !== rule.index || !COVERED_BY_EARLIER_RULES.has(f.code)) continue;
    for (const r of f.related ?? []) {
      const key = `${r.span.start}:${r.span.end}`;
      if (!seen.has(key)) locations.push(toLocation(doc, r.span));
      seen.add(key);
    }
  }
  return locations;
}
