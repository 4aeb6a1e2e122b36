// Hover: on a rule (its dash, its level, anywhere not on another field) the rule's summary,
// reachability and replay hits; on a key what the field means; on a value what it means to
// kube-apiserver (level, stage, verb, namespace, URL, user, group, API group, resource). Over a
// diagnostic, first the detail its one sentence leaves out (core/describe/findingDetails.ts).
import { MarkupKind, type Hover, type TextDocumentPositionParams } from 'vscode-languageserver';
import type { KeyContext } from '../core/describe/schemaDocs.ts';
import { findingDetails } from '../core/describe/findingDetails.ts';
import { keyHover } from '../core/describe/keyHover.ts';
import { ruleHover } from '../core/describe/ruleHover.ts';
import {
  apiGroupHover,
  levelHover,
  namespaceHover,
  nonResourceUrlHover,
  resourceHover,
  resourceNameHover,
  stageHover,
  userGroupHover,
  userHover,
  verbHover,
} from '../core/describe/valueHover.ts';
import type { KubernetesVersion } from '../core/kubernetesVersion.ts';
import type { GroupResources, PolicyRule } from '../core/model.ts';
import type { Span } from '../core/span.ts';
import type { PolicyDocument } from './documentCache.ts';
import { orPolicyTest, testHover } from './policyTest/testFileFeatures.ts';
import { ruleAt } from './ruleAt.ts';
import type { RuleHitsStore } from './ruleHitsStore.ts';
import { policyHandler, type Feature } from './serverContext.ts';
import { toRange } from './toLsp.ts';
import { tokenAt, type Token } from './tokenAt.ts';

export const hoverFeature: Feature = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    ctx.connection.onHover(orPolicyTest(ctx, 'Test file hover', null, testHover, policyHandler(ctx, 'Hover', null, (doc, params: TextDocumentPositionParams) => hover(doc, params, ctx.ruleHits))));
  },
};

const contains = (s: Span | undefined, offset: number): s is Span => s !== undefined && s.start <= offset && offset <= s.end;
/** Markdown and the range it is about. */
interface Shown {
  readonly value: string;
  readonly at: Span;
}

type ListField = 'users' | 'userGroups' | 'verbs' | 'namespaces' | 'nonResourceURLs' | 'omitStages';

const LIST_HOVERS: Record<ListField, (value: string, v: KubernetesVersion) => string> = {
  users: userHover,
  userGroups: userGroupHover,
  verbs: verbHover,
  namespaces: namespaceHover,
  nonResourceURLs: nonResourceUrlHover,
  omitStages: stageHover,
};

export function hover(doc: PolicyDocument, params: TextDocumentPositionParams, ruleHits: RuleHitsStore): Hover | null {
  const offset = doc.lines.offset(params.position);
  const found = hoverAt(doc, offset, ruleHits);
  const details = findingDetails(doc.lint.findings, offset, doc.lint.policy.rules.map((r) => r.source.span));
  const value = [details, found?.value].filter((v) => v !== undefined).join('\n\n---\n\n');
  if (value === '') return null;
  return { contents: { kind: MarkupKind.Markdown, value }, ...(found ? { range: toRange(doc, found.at) } : {}) };
}

function hoverAt(doc: PolicyDocument, offset: number, ruleHits: RuleHitsStore): Shown | null {
  const { policy } = doc.lint;
  const v = doc.settings.kubernetesVersion;
  const token = tokenAt(doc.text, offset);
  const rule = ruleAt(policy, doc.text, offset);
  const gr = rule?.resources.find((g) => contains(g.source.span, offset));

  if (token?.isKey && token.text !== 'level') {
    const context: KeyContext = gr ? 'groupResources' : rule ? 'rule' : 'policy';
    const text = keyHover(context, token.text);
    return text === undefined ? null : { value: text, at: token };
  }
  if (token && !token.isKey) {
    const value = valueHover(doc, token, rule, gr, v);
    if (value !== undefined) return { value, at: token };
  }
  if (!rule) return null;
  const hits = ruleHits.get(doc.uri);
  const text = ruleHover({
    rule,
    policy,
    kubernetesVersion: v,
    analysis: doc.analysis ? doc.analysis.rules[rule.index] : 'pending',
    hits: hits && hits.hits.length === policy.rules.length ? { hits: hits.hits[rule.index] ?? 0, events: hits.events } : undefined,
  });
  // The level line is the rule's headline: show the rule, then what the level (or the key) means.
  if (token && (contains(rule.source.keys.level, token.start) || contains(rule.source.values.level, token.start))) {
    const detail = token.isKey ? keyHover('rule', 'level') : levelHover(token.text);
    return { value: `${text}\n\n---\n\n${detail ?? ''}`, at: token };
  }
  return { value: text, at: rule.source.span };
}

function valueHover(doc: PolicyDocument, token: Token, rule: PolicyRule | undefined, gr: GroupResources | undefined, v: KubernetesVersion): string | undefined {
  const { policy } = doc.lint;
  const at = token.start;
  if (policy.source.omitStagesItems.some((s) => contains(s, at))) return stageHover(token.text);
  if (contains(policy.source.apiVersion, at)) return keyHover('policy', 'apiVersion');
  if (contains(policy.source.kind, at)) return keyHover('policy', 'kind');
  if (!rule) return undefined;
  if (gr) {
    if (contains(gr.source.group, at)) return apiGroupHover(gr.group, v);
    const i = gr.source.resources.findIndex((s) => contains(s, at));
    if (i >= 0) return resourceHover(gr.group, gr.resources[i] ?? token.text, v);
    const n = gr.source.resourceNames.findIndex((s) => contains(s, at));
    if (n >= 0) return resourceNameHover(gr.resourceNames[n] ?? token.text);
    return undefined;
  }
  for (const field of Object.keys(LIST_HOVERS) as ListField[]) {
    const spans = rule.source.items[field] ?? [];
    const i = spans.findIndex((s) => contains(s, at));
    if (i < 0) continue;
    const values: readonly string[] = rule[field];
    // Invalid stages are left out of the model, so read the value from the text when lists differ.
    const value = values.length === spans.length ? (values[i] ?? token.text) : token.text;
    return LIST_HOVERS[field](value, v);
  }
  return undefined;
}
