// Fixes that add to a rule or to the rules:
// - exec-verbs-incomplete: add `get` to the verbs (kubectl 1.30+ sends exec and attach as a
//   WebSocket GET, which kube-apiserver records as verb get);
// - no-catch-all: end the rules with `- level: Metadata`, so requests no rule names are logged.
import { isSeq, type Node } from 'yaml';
import { edit, type FixProvider } from './fix.ts';
import { itemSpan } from './blockSpans.ts';
import { appendToSeq } from './seqAppend.ts';
import { column, lineBreak } from './textLines.ts';
import { dashOffset } from './yamlSource.ts';

export const execVerbsFix: FixProvider = (finding, { yaml, text }) => {
  const verbs = finding.rule === null ? undefined : yaml.rule(finding.rule)?.get('verbs', true);
  const add = isSeq(verbs) ? appendToSeq(text, verbs, 'get') : undefined;
  return add ? [{ title: 'Add get to verbs (exec and attach arrive as get since kubectl 1.30)', edits: [add], preferred: true }] : [];
};

export const addCatchAllFix: FixProvider = (_finding, { yaml, text }) => {
  const rules = yaml.rules;
  const last = rules?.items[rules.items.length - 1] as Node | undefined;
  if (!rules || !last?.range) return [];
  const title = 'Add a catch-all rule "- level: Metadata" at the end';
  if (rules.flow) return [{ title, edits: [edit(last.range[1], last.range[1], ', {level: Metadata}')], preferred: false }];
  const dash = dashOffset(rules, rules.items.length - 1);
  const lines = itemSpan(text, rules, rules.items.length - 1);
  if (dash === undefined || !lines) return [];
  const nl = lineBreak(text);
  const before = text.slice(0, lines.end).endsWith('\n') ? '' : nl;
  return [{ title, edits: [edit(lines.end, lines.end, `${before}${' '.repeat(column(text, dash))}- level: Metadata${before === '' ? nl : ''}`)], preferred: false }];
};
