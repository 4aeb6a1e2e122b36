// sensitive-resource-body: insert, right above the rule, a Metadata rule for the sensitive resources
// it logs with bodies. The new rule copies the rule's users, groups, verbs, namespaces and stages, so
// it takes exactly the sensitive part of the rule's traffic and nothing else; the rule keeps the rest.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { SENSITIVE } from '../checks/practice/sensitiveResourceBody.ts';
import { groupMatches, resourceMatches } from '../evaluate/ruleMatches.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { PolicyRule } from '../model.ts';
import { blockItemLines, pairText } from './blockSpans.ts';
import { edit, type FixProvider } from './fix.ts';
import { scalarEdit, styledString } from './scalarEdit.ts';
import { quoteOf } from './seqAppend.ts';
import { column, lineBreak } from './textLines.ts';
import { dashOffset, type YamlSource } from './yamlSource.ts';

const COPIED = ['users', 'userGroups', 'verbs', 'namespaces', 'omitStages'];

interface Entry {
  readonly group: string;
  readonly resources: string[];
  readonly resourceNames: readonly string[];
}

/** The sensitive resources the rule logs with bodies, grouped the way its own entries group them. */
function sensitiveEntries(rule: PolicyRule, v: KubernetesVersion): Entry[] {
  const level = rule.level;
  if (level === null) return [];
  const out: Entry[] = [];
  const add = (group: string, resource: string, resourceNames: readonly string[]): void => {
    const e = out.find((x) => x.group === group && x.resourceNames.join('\0') === resourceNames.join('\0'));
    if (!e) out.push({ group, resources: [resource], resourceNames });
    else if (!e.resources.includes(resource)) e.resources.push(resource);
  };
  for (const s of SENSITIVE) {
    if (!s.leaks[level]) continue;
    const name = s.subresource === undefined ? s.resource : `${s.resource}/${s.subresource}`;
    if (rule.resources.length === 0) add(s.group, name, []);
    for (const gr of rule.resources) {
      if (!groupMatches(gr.group, s.group, v)) continue;
      if (gr.resources.length === 0 || gr.resources.some((r) => resourceMatches(r, s.resource, s.subresource ?? ''))) add(s.group, name, gr.resources.length === 0 ? [] : gr.resourceNames);
    }
  }
  return out;
}

/** Every resource the rule names is one of the entries: a copy of the rule for them would take all its traffic. */
function onlySensitive(rule: PolicyRule, entries: readonly Entry[]): boolean {
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    rule.nonResourceURLs.length === 0 &&
    rule.resources.length > 0 &&
    rule.resources.every(
      (gr) => gr.resources.length > 0 && gr.resources.every((r) => entries.some((e) => e.group === gr.group && e.resources.includes(r) && same(e.resourceNames, gr.resourceNames))),
    )
  );
}

/** How the file writes `resources:` entries: the nesting of their dashes and the inner lists' style. */
function entryStyle(yaml: YamlSource): { nested: number; listNested: number; flowLists: boolean; quote: string; flowEntries: boolean } {
  const text = yaml.text;
  for (const rule of yaml.rules?.items ?? []) {
    if (!isMap(rule)) continue;
    const pair = rule.items.find((p: Pair<unknown, unknown>) => isScalar(p.key) && p.key.value === 'resources');
    const entries = pair?.value;
    const key = pair?.key as Node | undefined;
    if (!isSeq(entries) || entries.flow || !key?.range) continue;
    const dash = dashOffset(entries, 0);
    const first = entries.items[0];
    if (dash === undefined || !isMap(first)) continue;
    const list = first.get('resources', true);
    const listKey = first.items.find((p) => isScalar(p.key) && p.key.value === 'resources')?.key as Node | undefined;
    const listDash = isSeq(list) ? dashOffset(list, 0) : undefined;
    return {
      nested: column(text, dash) - column(text, key.range[0]),
      listNested: listDash !== undefined && listKey?.range ? column(text, listDash) - column(text, listKey.range[0]) : 0,
      flowLists: !isSeq(list) || list.flow === true,
      quote: isSeq(list) ? quoteOf(text, list) : '"',
      flowEntries: first.flow === true,
    };
  }
  const rules = yaml.rules;
  const rulesKey = yaml.root?.items.find((p) => isScalar(p.key) && p.key.value === 'rules')?.key as Node | undefined;
  const dash = rules ? dashOffset(rules, 0) : undefined;
  const nested = dash !== undefined && rulesKey?.range ? column(text, dash) - column(text, rulesKey.range[0]) : 2;
  return { nested, listNested: nested, flowLists: true, quote: '"', flowEntries: false };
}

export const sensitiveBodyFix: FixProvider = (finding, { yaml, text, policy, findings, kubernetesVersion }) => {
  const index = finding.rule;
  const model = index === null ? undefined : policy.rules[index];
  const entries = model ? sensitiveEntries(model, kubernetesVersion) : [];
  if (!model || entries.length === 0) return [];
  const what = entries.flatMap((e) => e.resources).join(', ');
  const level = model.source.values.level;
  if (onlySensitive(model, entries) && level) {
    return [{ title: `Log ${what} at Metadata: lower rule ${model.index}'s level to Metadata`, edits: [scalarEdit(text, level, 'Metadata')], preferred: true }];
  }
  const rules = yaml.rules;
  const node = yaml.rule(model.index);
  const dash = rules ? dashOffset(rules, model.index) : undefined;
  const lines = rules ? blockItemLines(text, rules, model.index) : undefined;
  const firstKey = node?.items[0]?.key as Node | null | undefined;
  if (!node || dash === undefined || !lines || !firstKey?.range) return [];
  const style = entryStyle(yaml);
  // A field kube-apiserver cannot decode is not copied: the copy would be a second error.
  const decodable = (p: Pair<unknown, unknown>): boolean => {
    const r = (p.value as Node | null)?.range;
    return !r || !findings.some((f) => f.code === 'invalid-type' && r[0] <= f.span.start && f.span.start < r[2]);
  };
  const keyOf = (p: Pair<unknown, unknown>): string | undefined => (isScalar(p.key) ? String(p.key.value) : undefined);
  // Of a key set twice only the last counts (what kube-apiserver keeps), and a copy of both would repeat it.
  const last = (p: Pair<unknown, unknown>, i: number): boolean => !node.items.slice(i + 1).some((q) => keyOf(q) === keyOf(p));
  const copied = node.items
    .filter((p: Pair<unknown, unknown>, i) => COPIED.includes(keyOf(p) ?? '') && last(p, i) && decodable(p))
    .map((p) => pairText(text, node, p))
    .filter((t): t is string => t !== undefined);
  const groupText = (g: string): string => styledString(g, g === '' ? '"' : '');
  const list = (items: readonly string[]): string => `[${items.map((r) => styledString(r, style.quote)).join(', ')}]`;
  const nl = lineBreak(text);
  let ruleText: string;
  if (node.flow) {
    const body = entries.map((e) => `{group: ${groupText(e.group)}, resources: ${list(e.resources)}${e.resourceNames.length > 0 ? `, resourceNames: ${list(e.resourceNames)}` : ''}}`);
    ruleText = `${' '.repeat(column(text, dash))}- {${['level: Metadata', ...copied, `resources: [${body.join(', ')}]`].join(', ')}}${nl}`;
  } else {
    const keyIndent = ' '.repeat(column(text, firstKey.range[0]));
    const entryIndent = keyIndent + ' '.repeat(Math.max(0, style.nested));
    const blockList = (items: readonly string[], indent: string): string => items.map((r) => `${nl}${indent}- ${styledString(r, style.quote)}`).join('');
    const field = (key: string, items: readonly string[], indent: string): string =>
      style.flowLists ? `${key}: ${list(items)}` : `${key}:${blockList(items, indent + ' '.repeat(Math.max(0, style.listNested)))}`;
    const entryLines = entries.map((e) => {
      if (style.flowEntries) return `${entryIndent}- {group: ${groupText(e.group)}, resources: ${list(e.resources)}${e.resourceNames.length > 0 ? `, resourceNames: ${list(e.resourceNames)}` : ''}}`;
      const inner = `${entryIndent}  `;
      return [
        `${entryIndent}- group: ${groupText(e.group)}`,
        `${inner}${field('resources', e.resources, inner)}`,
        ...(e.resourceNames.length > 0 ? [`${inner}${field('resourceNames', e.resourceNames, inner)}`] : []),
      ].join(nl);
    });
    ruleText = [`${' '.repeat(column(text, dash))}- level: Metadata`, ...copied.map((c) => `${keyIndent}${c}`), `${keyIndent}resources:`, ...entryLines].join(nl) + nl;
  }
  return [{ title: `Log ${what} at Metadata: add a rule above rule ${model.index}`, edits: [edit(lines.start, lines.start, ruleText)], preferred: true }];
};
