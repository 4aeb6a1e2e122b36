// `explain --format text`: the request as the policy checker saw it, one line per rule tried
// (file:line, rule index, why it did or did not match), then the outcome. Colour only on a TTY. The
// request, user, groups, file name and reasons (which quote policy values) go through printable().
import type { RequestAttributes } from '../core/attributes.ts';
import type { Evaluation } from '../core/evaluation.ts';
import type { Policy } from '../core/model.ts';
import { LineIndex } from '../core/span.ts';
import { printable } from './printable.ts';
import { painter } from './terminalColor.ts';

export interface ExplainTextInput {
  readonly file: string;
  readonly text: string;
  readonly policy: Policy;
  /** The request as given ("GET /api/v1/pods", "audit event: get /api/v1/pods"). */
  readonly request: string;
  readonly attributes: RequestAttributes;
  readonly evaluation: Evaluation;
  readonly notes: readonly string[];
  readonly color: boolean;
}

const q = (s: string): string => printable(JSON.stringify(s));
const list = (xs: readonly string[]): string => `[${xs.join(', ')}]`;

export function explainText(input: ExplainTextInput): string {
  const { text, policy, attributes: a, evaluation: e, color } = input;
  const file = printable(input.file);
  const paint = painter(color);
  const lines = new LineIndex(text);
  const where = (rule: number): string => {
    const r = policy.rules[rule];
    return r ? `${file}:${lines.position(r.source.span.start).line + 1}` : file;
  };

  const out: string[] = [`${paint('1', 'Request')}  ${printable(input.request)}`];
  out.push(`  user: ${a.user === null ? 'none (unauthenticated: rules with users or userGroups cannot match)' : `${q(a.user.name)}, groups ${list(a.user.groups.map(printable))}`}`);
  if (a.isResourceRequest) {
    const group = a.apiGroup === '' ? '"" (core)' : q(a.apiGroup);
    const ns = a.namespace === '' ? '"" (cluster-scoped)' : q(a.namespace);
    out.push(`  resource request: verb ${q(a.verb)}, API group ${group}, version ${q(a.apiVersion)}, namespace ${ns}, resource ${q(a.resource)}, subresource ${q(a.subresource)}, name ${q(a.name)}`);
  } else {
    out.push(`  non-resource request: verb ${q(a.verb)}, path ${q(a.path)}`);
  }
  for (const note of input.notes) out.push(`  ${paint('33', 'note:')} ${printable(note)}`);
  out.push('');

  if (policy.rules.length === 0) out.push('The policy has no rules.');
  for (const verdict of e.trace) {
    // A matching rule's reason already starts with "matches:".
    const reason = printable(verdict.reason);
    const text = verdict.matched ? paint('32;1', reason) : `${paint('2', 'no match:')} ${reason}`;
    out.push(`${where(verdict.rule)}: rule ${verdict.rule}: ${text}`);
  }
  const untried = policy.rules.length - e.trace.length;
  if (untried > 0) out.push(`(${untried} later rule${untried === 1 ? '' : 's'} not tried: the first match wins)`);
  out.push('');

  const effect = `omitStages ${list(e.omitStages)}, omitManagedFields ${e.omitManagedFields}`;
  if (e.rule === null) out.push(`${paint('1', 'Result')}: no rule matches: level None (the request is not logged); ${effect}`);
  else {
    const logged = e.level === 'None' ? ' (the request is not logged)' : '';
    out.push(`${paint('1', 'Result')}: rule ${e.rule} at ${where(e.rule)}: level ${e.level}${logged}; ${effect}`);
  }
  return `${out.join('\n')}\n`;
}
