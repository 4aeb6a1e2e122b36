// Builds the Policy model from the decoded document, the way kube-apiserver's lenient decoding
// fills the Go structs: unknown fields are gone, the last of duplicate keys wins, null leaves the
// field unset (a null list entry becomes ""), values of the wrong type are left out (checkShape
// reports them). Every rules entry becomes a rule, so rule indexes are positions in `rules`.
import { invalidLevel } from '../checks/validation/invalidLevel.ts';
import { invalidStage } from '../checks/validation/invalidStage.ts';
import type { Finding } from '../findings.ts';
import { ruleIndex, type GroupResources, type Level, type Policy, type PolicyRule, type RuleField, type RuleSource, type Stage } from '../model.ts';
import type { Span } from '../span.ts';
import { entryOf, type YEntry, type YValue } from './yamlValue.ts';

export interface Built {
  readonly policy: Policy;
  readonly findings: readonly Finding[];
}

interface Strings {
  readonly values: string[];
  readonly spans: Span[];
}

function strings(v: YValue | undefined): Strings {
  const out: Strings = { values: [], spans: [] };
  if (v?.kind !== 'array') return out;
  for (const item of v.items) {
    if (item.kind === 'string' || item.kind === 'null') {
      out.values.push(item.kind === 'string' ? item.value : '');
      out.spans.push(item.span);
    }
  }
  return out;
}

const str = (v: YValue | undefined): string => (v?.kind === 'string' ? v.value : '');
const bool = (v: YValue | undefined): boolean | undefined => (v?.kind === 'bool' ? v.value : undefined);
const itemsOf = (v: YValue | undefined): readonly YValue[] => (v?.kind === 'array' ? v.items : []);
const get = (obj: YValue | undefined, key: string): YEntry | undefined => (obj?.kind === 'object' ? entryOf(obj, key) : undefined);

function stages(v: YValue | undefined, path: string, rule: PolicyRule['index'] | null, findings: Finding[]): { values: Stage[]; spans: Span[] } {
  const all = strings(v);
  const out = { values: [] as Stage[], spans: [] as Span[] };
  all.values.forEach((s, i) => {
    const at = all.spans[i] as Span;
    const bad = invalidStage(s, `${path}[${i}]`, at, rule);
    if (bad) findings.push(bad);
    else {
      out.values.push(s as Stage);
      out.spans.push(at);
    }
  });
  return out;
}

function groupResources(v: YValue): GroupResources | undefined {
  if (v.kind !== 'object' && v.kind !== 'null') return undefined;
  const group = get(v, 'group');
  const resources = strings(get(v, 'resources')?.value);
  const names = strings(get(v, 'resourceNames')?.value);
  return {
    group: str(group?.value),
    resources: resources.values,
    resourceNames: names.values,
    source: { span: v.span, ...(group ? { group: group.value.span } : {}), resources: resources.spans, resourceNames: names.spans },
  };
}

const LIST_FIELDS = ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs'] as const;

function buildRule(v: YValue, index: number, findings: Finding[]): PolicyRule {
  const at = ruleIndex(index);
  const keys: Partial<Record<RuleField, Span>> = {};
  const values: Partial<Record<RuleField, Span>> = {};
  for (const field of [...LIST_FIELDS, 'level', 'resources', 'omitStages', 'omitManagedFields'] as const) {
    const e = get(v, field);
    if (e) {
      keys[field] = e.keySpan;
      values[field] = e.value.span;
    }
  }
  const lists = Object.fromEntries(LIST_FIELDS.map((f) => [f, strings(get(v, f)?.value)])) as Record<(typeof LIST_FIELDS)[number], Strings>;
  const levelEntry = get(v, 'level');
  let level: Level | null = null;
  // A rules entry that is not a mapping fails decoding (checkShape); only null decodes, as an empty rule.
  const decodes = v.kind === 'object' || v.kind === 'null';
  if (decodes && (!levelEntry || levelEntry.value.kind === 'string' || levelEntry.value.kind === 'null')) {
    const text = str(levelEntry?.value);
    const bad = invalidLevel(text, levelEntry ? levelEntry.value.span : firstKeySpan(v), at);
    if (bad) findings.push(bad);
    else level = text as Level;
  }
  const omit = stages(get(v, 'omitStages')?.value, `rules[${index}].omitStages`, at, findings);
  const resources = itemsOf(get(v, 'resources')?.value).flatMap((r) => groupResources(r) ?? []);
  const source: RuleSource = {
    span: v.span,
    keys,
    values,
    items: { ...Object.fromEntries(LIST_FIELDS.map((f) => [f, lists[f].spans])), omitStages: omit.spans },
  };
  return {
    index: at,
    level,
    users: lists.users.values,
    userGroups: lists.userGroups.values,
    verbs: lists.verbs.values,
    resources,
    namespaces: lists.namespaces.values,
    nonResourceURLs: lists.nonResourceURLs.values,
    omitStages: omit.values,
    omitManagedFields: bool(get(v, 'omitManagedFields')?.value),
    source,
  };
}

/** Where to point at a rule without a level: its first key, or the whole (empty) rule. */
function firstKeySpan(v: YValue): Span {
  return v.kind === 'object' && v.entries[0] ? v.entries[0].keySpan : v.span;
}

export function buildPolicy(root: YValue | null, docSpan: Span): Built {
  const findings: Finding[] = [];
  const apiVersion = get(root ?? undefined, 'apiVersion');
  const kind = get(root ?? undefined, 'kind');
  const rulesEntry = get(root ?? undefined, 'rules');
  const omitEntry = get(root ?? undefined, 'omitStages');
  const omfEntry = get(root ?? undefined, 'omitManagedFields');
  const rules = itemsOf(rulesEntry?.value).map((r, i) => buildRule(r, i, findings));
  const omit = stages(omitEntry?.value, 'omitStages', null, findings);
  const policy: Policy = {
    apiVersion: apiVersion?.value.kind === 'string' ? apiVersion.value.value : undefined,
    kind: kind?.value.kind === 'string' ? kind.value.value : undefined,
    rules,
    omitStages: omit.values,
    omitManagedFields: bool(omfEntry?.value) ?? false,
    source: {
      span: docSpan,
      ...(apiVersion ? { apiVersion: apiVersion.value.span } : {}),
      ...(kind ? { kind: kind.value.span } : {}),
      ...(rulesEntry ? { rulesKey: rulesEntry.keySpan } : {}),
      ...(omitEntry ? { omitStagesKey: omitEntry.keySpan } : {}),
      omitStagesItems: omit.spans,
      ...(omfEntry ? { omitManagedFieldsKey: omfEntry.keySpan } : {}),
    },
  };
  return { policy, findings };
}
