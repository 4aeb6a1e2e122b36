// The whole Explain Request answer as Markdown, for a read-only document: the request as the policy
// checker saw it, the outcome, and every rule tried with the reason it did or did not match.
// Rules are numbered from 0, as in the CLI's JSON and every finding.
import type { RequestAttributes } from '../attributes.ts';
import { describeRequest } from '../analysis/describeRequest.ts';
import type { Evaluation } from '../evaluation.ts';
import type { Policy } from '../model.ts';
import { code, escapeMarkdown, list } from './phrases.ts';
import { ruleSummary } from './ruleSummary.ts';

export interface ExplainMarkdownInput {
  readonly policy: Policy;
  readonly attributes: RequestAttributes;
  readonly evaluation: Evaluation;
  /** Things the reader should know about the input (an ignored fieldSelector, a missing group). */
  readonly notes: readonly string[];
}

export function explainMarkdown({ policy, attributes: a, evaluation: e, notes }: ExplainMarkdownInput): string {
  const out: string[] = [`# Explain: ${escapeMarkdown(describeRequest(a))}`, '', outcome(e), ''];
  for (const note of notes) out.push(`> ${escapeMarkdown(note)}`, '');
  out.push('## Request', '', '| attribute | value |', '| --- | --- |');
  const rows: [string, string][] = [
    ['user', a.user === null ? '(none: failed authentication)' : code(a.user.name)],
    ['groups', a.user === null ? '' : a.user.groups.map(code).join(', ')],
    ['verb', code(a.verb)],
    ['resource request', a.isResourceRequest ? 'yes' : 'no'],
  ];
  if (a.isResourceRequest) {
    rows.push(['API group', code(a.apiGroup)], ['API version', code(a.apiVersion)], ['namespace', code(a.namespace)], ['resource', code(a.resource)], ['subresource', code(a.subresource)], ['name', code(a.name)]);
  }
  rows.push(['path', code(a.path)]);
  for (const [k, v] of rows) out.push(`| ${k} | ${cell(v)} |`);
  out.push('', '## Rules tried in order', '');
  for (const verdict of e.trace) {
    const rule = policy.rules[verdict.rule];
    const summary = rule ? ` — ${escapeMarkdown(ruleSummary(rule, policy))}` : '';
    out.push(`- ${verdict.matched ? '✓' : '✗'} **rule ${verdict.rule}**${summary}`, `  - ${escapeMarkdown(verdict.reason)}`);
  }
  if (e.rule === null) out.push(`- No rule matched${e.trace.length < policy.rules.length ? '' : ' (all were tried)'}: the request is not logged.`);
  return `${out.join('\n')}\n`;
}

function outcome(e: Evaluation): string {
  const omitted = e.level !== 'None' && e.omitStages.length > 0 ? `, omitting ${list(e.omitStages)}` : '';
  const managed = (e.level === 'Request' || e.level === 'RequestResponse') && e.omitManagedFields ? ', managedFields dropped from the bodies' : '';
  if (e.rule === null) return '**No rule matches**: level `None`, the request is not logged.';
  return `**Rule ${e.rule} matches**: level ${code(e.level)}${e.level === 'None' ? ' (not logged)' : ''}${omitted}${managed}.`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
