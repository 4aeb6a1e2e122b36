// Removing one stage from an omitStages list (the rule's, or the policy's for a policy-level
// finding); the whole key goes when it was the only stage.
// - redundant-omit-stage: the policy-level list already omits it (kube-apiserver takes the union).
// - panic-omitted: stop omitting Panic, so a crashed request still leaves an event.
import { isScalar, isSeq } from 'yaml';
import { itemSpan, pairSpan } from './blockSpans.ts';
import { edit, type FixProvider } from './fix.ts';

function removeStage(title: string, preferred: boolean): FixProvider {
  return (finding, { yaml, text }) => {
    const map = finding.rule === null ? yaml.root : yaml.rule(finding.rule);
    const pair = map?.items.find((p) => isScalar(p.key) && p.key.value === 'omitStages');
    const list = pair?.value;
    if (!map || !pair || !isSeq(list)) return [];
    const index = list.items.findIndex((n) => isScalar(n) && n.range?.[0] === finding.span.start);
    if (index < 0) return [];
    const s = list.items.length === 1 ? pairSpan(text, map, pair) : itemSpan(text, list, index);
    return s ? [{ title, edits: [edit(s.start, s.end, '')], preferred }] : [];
  };
}

export const redundantOmitStageFix = removeStage('Remove the stage (the policy already omits it)', true);
export const panicOmittedFix = removeStage('Stop omitting Panic', false);
