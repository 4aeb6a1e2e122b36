// Code lenses above each rule: "Explain…" (opens Explain Request prefilled with a request this rule
// decides, the analysis' witness, as a person types it: request line, user, groups; its audit Event
// only when no request line says it) and, once the replay feature has counted a log, the rule's hits.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { EXPLAIN_COMMAND, SHOW_RULE_HITS_COMMAND, type ExplainCommandArgs } from '../protocol.ts';
import type { PolicyDocument } from './documentCache.ts';
import type { Witness } from '../core/analysis/analyzePolicy.ts';
import { typedRequest } from '../core/explain/typedRequest.ts';
import { orPolicyTest, testCodeLenses } from './policyTest/testFileFeatures.ts';
import type { RuleHitsStore } from './ruleHitsStore.ts';
import { policyHandler, type Feature } from './serverContext.ts';
import { toRange } from './toLsp.ts';

export const codeLensFeature: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.onCodeLens(orPolicyTest(ctx, 'Test file code lenses', [], testCodeLenses, policyHandler(ctx, 'Code lenses', [], (doc, _params: CodeLensParams) => codeLenses(doc, ctx.ruleHits))));
  },
};

export function codeLenses(doc: PolicyDocument, ruleHits: RuleHitsStore): CodeLens[] {
  const { policy } = doc.lint;
  // While the analysis runs the lenses have no example; they are refreshed when it is done.
  const analysis = doc.analysis;
  const hits = ruleHits.get(doc.uri);
  const counted = hits && hits.hits.length === policy.rules.length ? hits : undefined;
  const lenses: CodeLens[] = [];
  for (const rule of policy.rules) {
    const start = toRange(doc, rule.source.span).start;
    const range = { start, end: start };
    const witness = analysis?.rules[rule.index]?.witness;
    const args: ExplainCommandArgs = {
      uri: doc.uri,
      rule: rule.index,
      ...(witness ? { example: explainExample(witness) } : {}),
    };
    lenses.push({ range, command: { title: 'Explain…', command: EXPLAIN_COMMAND, arguments: [args] } });
    if (counted) {
      const n = counted.hits[rule.index] ?? 0;
      const title = `${n.toLocaleString('en-US')} ${n === 1 ? 'hit' : 'hits'} of ${counted.events.toLocaleString('en-US')} events`;
      lenses.push({ range, command: { title, command: SHOW_RULE_HITS_COMMAND, arguments: [{ uri: doc.uri, rule: rule.index }] } });
    }
  }
  return lenses;
}

function explainExample(witness: Witness): NonNullable<ExplainCommandArgs['example']> {
  return typedRequest(witness.attributes) ?? { request: JSON.stringify(witness.event), user: '', groups: [] };
}
