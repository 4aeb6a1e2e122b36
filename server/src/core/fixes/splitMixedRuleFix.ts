// mixed-resource-and-non-resource: kube-apiserver refuses a rule with nonResourceURLs next to
// resources or namespaces (pkg/apis/audit/validation). Split it into a resource rule (without
// nonResourceURLs) followed by a non-resource rule (without resources and namespaces), each keeping
// the level, users, groups, verbs and stages — which is what the author meant the one rule to do.
import type { Pair } from 'yaml';
import { span, type Span } from '../span.ts';
import { applyEdits } from './applyEdits.ts';
import { pairSpan } from './blockSpans.ts';
import { edit, type FixProvider } from './fix.ts';
import { lineStart, nextLineStart, contentEnd, lineBreak } from './textLines.ts';
import { dashOffset } from './yamlSource.ts';

export const splitMixedRuleFix: FixProvider = (finding, { yaml, text, findings }) => {
  const rules = yaml.rules;
  const index = finding.rule;
  const rule = index === null ? undefined : yaml.rule(index);
  const dash = index === null || !rules ? undefined : dashOffset(rules, index);
  if (!rule?.range || dash === undefined) return [];
  // Both halves copy the rule: a value kube-apiserver cannot decode would then be wrong twice.
  const ruleRange = rule.range;
  if (findings.some((f) => f.code === 'invalid-type' && ruleRange[0] <= f.span.start && f.span.start < ruleRange[2])) return [];
  const whole: Span = span(lineStart(text, dash), nextLineStart(text, contentEnd(text, rule.range[2])));
  const without = (keys: readonly string[]): string | undefined => {
    const pairs = rule.items.filter((p: Pair<unknown, unknown>) => keys.includes(String((p.key as { value?: unknown } | null)?.value)));
    const spans = pairs.map((p) => pairSpan(text, rule, p));
    if (spans.some((s) => s === undefined)) return undefined;
    const edits = (spans as Span[]).map((s) => edit(s.start - whole.start, s.end - whole.start, ''));
    const copy = applyEdits(text.slice(whole.start, whole.end), edits);
    return copy.endsWith('\n') ? copy : copy + lineBreak(text);
  };
  const resourceRule = without(['nonResourceURLs']);
  const urlRule = without(['resources', 'namespaces']);
  if (resourceRule === undefined || urlRule === undefined) return [];
  // The last rule of a file without a final line break stays without one.
  const joined = resourceRule + urlRule;
  const newText = text.slice(whole.start, whole.end).endsWith('\n') ? joined : joined.replace(/\r?\n$/, '');
  return [{ title: `Split rule ${index} into a resource rule and a nonResourceURLs rule`, edits: [edit(whole.start, whole.end, newText)], preferred: true }];
};
