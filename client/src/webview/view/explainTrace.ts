// The rule-by-rule trace of an explanation, shared by the replay panel (a shape's Explain) and the
// Explain Request page: one item per rule tried, the rule as a button that reveals it in the
// editor, why it did or did not match; and the outcome in one sentence. Pure: no DOM, no `vscode`.
import type { Evaluation } from '../../../../server/src/core/evaluation.ts';
import type { ExplainSuccess } from '../../../../server/src/protocol.ts';
import { h, type VNode } from './dom.ts';

export function outcomeText(e: Evaluation): string {
  if (e.rule === null) return 'No rule matches: level None, the request is not logged.';
  const omitted = e.level !== 'None' && e.omitStages.length > 0 ? `, omitting ${e.omitStages.join(', ')}` : '';
  return `Rule ${e.rule} matches: level ${e.level}${e.level === 'None' ? ' (not logged)' : omitted}.`;
}

export interface TraceOptions {
  /** Whether a rule can be revealed (the replay panel may show an older version of the policy). */
  readonly revealable: (rule: number) => boolean;
  /** Add each rule's one-line summary under its verdict. */
  readonly summaries: boolean;
}

export function explainTrace(result: ExplainSuccess, o: TraceOptions): VNode {
  return h(
    'ol',
    { class: 'trace' },
    ...result.evaluation.trace.map((t) =>
      h(
        'li',
        { class: t.matched ? 'matched' : 'skipped', 'data-rule': t.rule },
        h('span', { class: 'mark', 'aria-hidden': 'true' }, t.matched ? '✓ ' : '✗ '),
        h('button', { type: 'button', class: 'link', 'data-action': 'reveal', 'data-rule': t.rule, disabled: !o.revealable(t.rule), title: `Go to rule ${t.rule} in the policy` }, `Rule ${t.rule}`),
        // A match's reason already starts with "matches: …".
        t.matched ? ` ${t.reason}` : ` does not match: ${t.reason}`,
        o.summaries && result.rules[t.rule] ? h('div', { class: 'muted rule-summary' }, result.rules[t.rule]?.summary) : null,
      ),
    ),
  );
}
