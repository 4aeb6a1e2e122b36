// Explain Request's answer as a page for a result panel: the request, the outcome with a button to
// the matching rule, notes on the input, every rule tried with why it did or did not match, and
// the attributes the policy checker saw. Pure: the same ExplainSuccess always gives the same tree.
import { describeRequest } from '../../../server/src/core/analysis/describeRequest.ts';
import type { ExplainSuccess } from '../../../server/src/protocol.ts';
import { breakable, h, type VNode } from './view/dom.ts';
import { explainTrace, outcomeText } from './view/explainTrace.ts';

/** Actions of the page's buttons (`data-action`); `reveal` carries `data-rule`. */
export const EXPLAIN_ACTIONS = { reveal: 'reveal', markdown: 'markdown', addTestCase: 'addTestCase' } as const;

export interface ExplainPageOptions {
  /** The name of the test case explained ("Debug: explain"); such a page offers no "Add as test case". */
  readonly testCase?: string;
}

export function explainPage(result: ExplainSuccess, policy: string, options: ExplainPageOptions = {}): VNode {
  const e = result.evaluation;
  const matched = e.rule === null ? undefined : result.rules[e.rule];
  const notes = result.notes ?? [];
  const against = `against ${policy} as typed (unsaved edits included)`;
  return h(
    'div',
    { class: 'panel explain-page' },
    h('h1', {}, ...breakable(describeRequest(result.attributes))),
    h(
      'p',
      { class: 'muted' },
      options.testCase === undefined ? `Explained ${against}${result.input === 'event' ? ', from the pasted audit Event' : ''}.` : `The test case "${options.testCase}", explained ${against}.`,
    ),
    h(
      'div',
      { class: e.rule === null ? 'outcome unmatched' : 'outcome', role: 'status' },
      h('strong', {}, outcomeText(e)),
      matched ? h('button', { type: 'button', 'data-action': EXPLAIN_ACTIONS.reveal, 'data-rule': matched.rule }, `Go to rule ${matched.rule}`) : null,
      options.testCase === undefined
        ? h('button', { type: 'button', class: 'secondary', 'data-action': EXPLAIN_ACTIONS.addTestCase, title: `Pin this outcome in ${policy.replace(/\.ya?ml$/, '')}.test.yaml` }, 'Add as test case')
        : null,
    ),
    notes.length === 0 ? null : h('ul', { class: 'notes' }, ...notes.map((n) => h('li', { class: 'note' }, n))),
    h('section', { 'aria-labelledby': 'trace-h' }, h('h2', { id: 'trace-h' }, 'Rules tried in order'), explainTrace(result, { revealable: (r) => result.rules[r] !== undefined, summaries: true })),
    h('section', { 'aria-labelledby': 'request-h' }, h('h2', { id: 'request-h' }, 'The request as the policy checker sees it'), attributesTable(result)),
    h('p', {}, h('button', { type: 'button', class: 'secondary', 'data-action': EXPLAIN_ACTIONS.markdown }, 'Open as Markdown')),
  );
}

function attributesTable({ attributes: a }: ExplainSuccess): VNode {
  const value = (v: string): VNode => h('code', {}, ...(v === '' ? ['""'] : breakable(v)));
  const rows: [string, VNode | string][] = [
    ['user', a.user === null ? 'none (failed authentication)' : value(a.user.name)],
    ['groups', a.user === null || a.user.groups.length === 0 ? 'none' : h('span', {}, ...a.user.groups.flatMap((g, i) => (i === 0 ? [value(g)] : [', ', value(g)])))],
    ['verb', value(a.verb)],
    ['kind', a.isResourceRequest ? 'resource request' : 'non-resource request'],
  ];
  if (a.isResourceRequest) {
    rows.push(['API group', value(a.apiGroup)], ['API version', value(a.apiVersion)], ['namespace', value(a.namespace)], ['resource', value(a.resource)], ['subresource', value(a.subresource)], ['name', value(a.name)]);
  }
  rows.push(['path', value(a.path)]);
  return h('table', { class: 'attributes' }, h('tbody', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))));
}
