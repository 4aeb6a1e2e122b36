// Compare with…'s page for a result panel: the policy as typed against its baseline, decided
// exactly by the server. Equivalence said plainly; otherwise the changes grouped by kind as the
// CLI groups them, each with the requests it concerns, old and new outcome and rules, its
// security flags, a witness request, and buttons to explain that request or go to the new rule.
// Pure: the same model always gives the same tree.
import { CHANGE_KINDS, countsText, KIND_TITLES, outcomeText, rulesText } from '../../../server/src/core/diff/describeChange.ts';
import type { ComparePoliciesResult, PolicyChangeView } from '../../../server/src/protocol.ts';
import { breakable, h, type VNode } from './view/dom.ts';

/** Actions of the page's buttons (`data-action`); both carry `data-change` (the index in `changes`). */
export const COMPARE_ACTIONS = { explain: 'explain', reveal: 'reveal' } as const;

export interface CompareModel {
  /** The policy's file name. */
  readonly policy: string;
  /** The baseline as the page names it: "the saved version", "git HEAD", "old/audit-policy.yaml". */
  readonly baseline: string;
  /** null while the first comparison runs. */
  readonly result: ComparePoliciesResult | null;
  /** A newer comparison is running (the page shows the last one meanwhile). */
  readonly busy: boolean;
}

export function comparePage(m: CompareModel): VNode {
  const r = m.result;
  const head = [
    h('h1', {}, ...breakable(m.policy), ' as typed ', h('span', { class: 'muted' }, 'vs'), ' ', ...breakable(m.baseline)),
    h(
      'p',
      { class: 'muted' },
      `What each request gets under ${m.baseline} and under the policy as typed (unsaved edits included), decided exactly, not sampled${r?.ok ? ` · Kubernetes ${r.kubernetesVersion}` : ''} · updates as you edit.`,
    ),
    m.busy && r !== null ? h('p', { class: 'busy', role: 'status' }, 'Comparing the latest edit…') : null,
  ];
  if (r === null) return h('div', { class: 'panel compare-page' }, ...head, h('p', { class: 'busy', role: 'status' }, 'Comparing…'));
  if (!r.ok) return h('div', { class: 'panel compare-page' }, ...head, h('p', { class: 'warn', role: 'alert' }, r.message));
  const refused = r.refused.length === 0 ? null : h('ul', { class: 'notes' }, ...r.refused.map((n) => h('li', { class: 'warn' }, n)));
  if (r.equivalent) {
    return h(
      'div',
      { class: 'panel compare-page' },
      ...head,
      refused,
      h('div', { class: 'outcome', role: 'status', 'data-equivalent': 'true' }, h('strong', {}, 'Equivalent'), h('span', {}, `Every request gets the same outcome under both: the edits change no audit log. (The texts may differ; what is logged does not.)`)),
    );
  }
  const security = r.changes.filter((c) => c.security.length > 0).length;
  return h(
    'div',
    { class: 'panel compare-page' },
    ...head,
    refused,
    h(
      'div',
      { class: 'outcome changed', role: 'status', 'data-equivalent': 'false' },
      h('strong', {}, `${countsText(r.changes.map((c) => c.kind))}.`),
      security > 0 ? h('span', { class: 'warn' }, `⚠ ${security} security-relevant`) : null,
    ),
    ...CHANGE_KINDS.map((kind) => {
      const changes = r.changes.map((c, i) => [c, i] as const).filter(([c]) => c.kind === kind);
      if (changes.length === 0) return null;
      const id = `kind-${kind}`;
      return h('section', { 'aria-labelledby': id, 'data-kind': kind }, h('h2', { id }, `${KIND_TITLES[kind]} (${changes.length})`), h('ol', { class: 'changes' }, ...changes.map(([c, i]) => changeItem(c, i))));
    }),
  );
}

function changeItem(c: PolicyChangeView, i: number): VNode {
  const [first, ...more] = c.requests;
  const aspects = c.kind === 'newly-logged' || c.kind === 'newly-dropped' ? [] : [...c.more, ...c.less];
  const rest = c.regionCount - c.requests.length;
  return h(
    'li',
    { class: c.security.length > 0 ? 'change security' : 'change', 'data-change': i },
    h('div', { class: 'change-head' }, h('strong', {}, ...breakable(first ?? 'some requests'))),
    h('p', { class: 'effect' }, h('span', { class: 'before' }, outcomeText(c.before)), ' → ', h('span', { class: 'after' }, outcomeText(c.after)), ' ', h('span', { class: 'muted nowrap' }, `(${rulesText(c.before, c.after)})`)),
    more.length + Math.max(0, rest) === 0
      ? null
      : h('ul', { class: 'requests' }, ...more.map((line) => h('li', {}, 'and ', ...breakable(line))), rest > 0 ? h('li', { class: 'muted' }, `and ${rest} more kind${rest === 1 ? '' : 's'} of request`) : null),
    aspects.length === 0 ? null : h('p', { class: 'muted' }, aspects.join('; ')),
    c.security.length === 0 ? null : h('ul', { class: 'notes' }, ...c.security.map((s) => h('li', { class: 'warn' }, h('strong', {}, '⚠ Security: '), s.message))),
    h('p', { class: 'witness' }, 'For example: ', h('code', {}, ...breakable(c.witness.description))),
    h(
      'div',
      { class: 'change-actions' },
      h('button', { type: 'button', class: 'secondary small', 'data-action': COMPARE_ACTIONS.explain, 'data-change': i, title: 'Explain this request against the policy as typed' }, 'Explain'),
      c.afterRange && c.after.rule !== null ? h('button', { type: 'button', class: 'secondary small', 'data-action': COMPARE_ACTIONS.reveal, 'data-change': i }, `Go to rule ${c.after.rule}`) : null,
    ),
  );
}
