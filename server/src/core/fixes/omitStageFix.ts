// redundant-omit-stage: remove the stage from the rule's omitStages (the policy-level list already
// omits it, and kube-apiserver takes the union); the whole key goes when it was the only stage.
import { isScalar, isSeq } from 'yaml';
import { itemSpan, pairSpan } from './blockSpans.ts';
import { edit, type FixProvider } from './fix.ts';

export const redundantOmitStageFix: FixProvider = (finding, { yaml, text }) => {
  const rule = finding.rule === null ? undefined : yaml.rule(finding.rule);
  const pair = rule?.items.find((p) => isScalar(p.key) && p.key.value === 'omitStages');
  const list = pair?.value;
  if (!rule || !pair || !isSeq(list)) return [];
  const index = list.items.findIndex((n) => isScalar(n) && n.range?.[0] === finding.span.start);
  if (index < 0) return [];
  const s = list.items.length === 1 ? pairSpan(text, rule, pair) : itemSpan(text, list, index);
  return s ? [{ title: 'Remove the stage (the policy already omits it)', edits: [edit(s.start, s.end, '')], preferred: true }] : [];
};
