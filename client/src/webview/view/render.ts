// The replay panel as data: what the server computed (totals, rules, one page of request shapes,
// unreadable lines, an explanation) turned into element descriptions. Pure: no DOM, no `vscode`;
// every value from a log goes in as text (see dom.ts).
import { formatBytes } from '../../../../server/src/cli/replaySummary.ts';
import { LEVELS } from '../../../../server/src/core/model.ts';
import { shapeTarget, type ShapeQuery } from '../../../../server/src/core/replay/queryShapes.ts';
import type { ReplayCounts, RuleRow, ShapeRow } from '../../../../server/src/core/replay/replayAggregate.ts';
import type { ExplainRequestResult, ReplayRuleView, ReplayView, ReplayViewData } from '../../../../server/src/protocol.ts';
import type { BaselineView } from '../messages.ts';
import { bar, breakable, h, type Child, type VNode } from './dom.ts';
import { explainTrace, outcomeText } from './explainTrace.ts';

export interface PanelModel {
  /** The policy's file name. */
  readonly policy: string;
  readonly query: ShapeQuery;
  readonly view: ReplayView | null;
  /** Shown while the host works (loading logs). */
  readonly busy: string | null;
  readonly explained: { readonly key: number; readonly result: ExplainRequestResult } | null;
  /** The rule whose rows are highlighted (a rule's "hits" code lens, a click on its row). */
  readonly selectedRule: number | null;
  /** The policy's Compare with… baseline: a "vs baseline" column and total (none when absent or null). */
  readonly baseline?: BaselineView | null;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number, of: number): string => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)}%`);

/** Recorded bytes -> estimate; raised levels add bodies the log never had: "unknown", with the lower bound. */
function bytesPieces(c: ReplayCounts): string[] {
  const before = `${formatBytes(c.bytesBefore)} →`;
  return c.growthUnknownEvents > 0 ? [before, 'unknown', `(≥ ${formatBytes(c.bytesAfter)})`] : [before, formatBytes(c.bytesAfter)];
}

function changePieces(c: ReplayCounts): string[] {
  const parts = [c.levelUp > 0 ? `▲ ${int(c.levelUp)} up` : '', c.levelDown > 0 ? `▼ ${int(c.levelDown)} down` : '', c.levelUnknown > 0 ? `${int(c.levelUnknown)} unrecorded` : ''];
  const said = parts.filter((p) => p !== '');
  return said.length === 0 ? ['same'] : said;
}

/** Pieces that each stay on one line ("0 B", "▼ 23 down"), with `separator` where a line may break. */
const unbroken = (pieces: readonly string[], separator: string): Child[] =>
  pieces.flatMap((p, i) => (i === 0 ? [h('span', { class: 'nowrap' }, p)] : [separator, h('span', { class: 'nowrap' }, p)]));

export function renderPanel(m: PanelModel): VNode {
  const v = m.view;
  const header = h('h1', {}, `Replay against ${m.policy}`);
  if (m.busy !== null && (v === null || !v.ok)) return h('div', { class: 'panel' }, header, h('p', { class: 'busy', role: 'status' }, m.busy));
  if (v === null) return h('div', { class: 'panel' }, header, h('p', { class: 'muted' }, 'Waiting for the language server…'));
  if (!v.ok) {
    return h(
      'div',
      { class: 'panel' },
      header,
      h('p', { class: 'empty', 'data-reason': v.reason }, v.message),
      v.reason === 'no-logs' ? h('button', { type: 'button', 'data-action': 'pickLogs' }, 'Replay Audit Logs…') : null,
    );
  }
  return h(
    'div',
    { class: 'panel', 'data-version': v.version },
    header,
    h('p', { class: 'muted' }, `The policy as typed (unsaved edits included) · Kubernetes ${v.kubernetesVersion}`),
    logsSection(v),
    m.busy === null ? null : h('p', { class: 'busy', role: 'status' }, m.busy),
    totalsSection(v, m.baseline ?? null),
    rulesSection(v, m.selectedRule),
    shapesSection(v, m),
    m.explained ? explainSection(m.explained.result, v) : null,
    errorsSection(v),
  );
}

/** The loaded logs, each with a button that removes it from the replay, and one that adds more. */
function logsSection(v: ReplayViewData): VNode {
  const files = v.totals.files;
  return h(
    'div',
    { class: 'logs-bar' },
    h('span', { class: 'muted' }, `${files.length} log${files.length === 1 ? '' : 's'}:`),
    h(
      'ul',
      { class: 'logs', 'aria-label': 'Replayed audit logs' },
      ...files.map((f) =>
        h(
          'li',
          { 'data-log': f },
          h('code', {}, ...breakable(f)),
          h('button', { type: 'button', class: 'link remove', 'data-action': 'removeLog', 'data-file': f, title: `Stop replaying ${f}`, 'aria-label': `Remove ${f}` }, '✕'),
        ),
      ),
    ),
    h('button', { type: 'button', class: 'secondary', 'data-action': 'pickLogs' }, 'Add logs…'),
  );
}

/** "12 of 40 events (30.0%) get another outcome than under the saved version." */
function baselineTotal(b: BaselineView): string | readonly Child[] {
  if (!b.result.ok) return b.result.message;
  const { differing, events } = b.result;
  return [h('span', { class: 'nowrap' }, `${int(differing)} of ${int(events)} events (${pct(differing, events)})`), ` get another outcome than under ${b.label}`];
}

function totalsSection(v: ReplayViewData, baseline: BaselineView | null): VNode {
  const t = v.totals;
  const row = (label: string, id: string, value: string | readonly Child[], extra?: VNode | null): VNode =>
    h('tr', {}, h('th', { scope: 'row' }, label), h('td', { 'data-total': id }, ...(typeof value === 'string' ? [value] : value), extra ?? null));
  return h(
    'section',
    { 'aria-labelledby': 'totals-h' },
    h('h2', { id: 'totals-h' }, 'Totals'),
    h(
      'table',
      { class: 'totals' },
      h(
        'tbody',
        {},
        row('Events read', 'events', int(t.events), t.errors > 0 ? h('span', { class: 'warn' }, ` · ${int(t.errors)} unreadable (below)`) : null),
        row('Kept', 'kept', `${int(t.kept)} (${pct(t.kept, t.events)})`, bar(t.events === 0 ? 0 : t.kept / t.events)),
        row('Dropped', 'dropped', `${int(t.dropped)} — level None ${int(t.droppedByLevel)}, omitted stage ${int(t.droppedByStage)}`),
        row('By new level', 'byLevel', unbroken(LEVELS.map((l) => `${l} ${int(t.byLevel[l])}`), ' · ')),
        row(
          'Recorded level',
          'recorded',
          unbroken(
            [...LEVELS, 'unknown' as const].filter((l) => l !== 'unknown' || t.recordedByLevel.unknown > 0).map((l) => `${l} ${int(t.recordedByLevel[l])}`),
            ' · ',
          ),
        ),
        row('Bytes', 'bytes', unbroken(bytesPieces(t), ' ')),
        row(
          'Vs recorded level',
          'change',
          unbroken([`${int(t.levelUp)} up`, `${int(t.levelDown)} down`, `${int(t.levelSame)} same`, ...(t.levelUnknown > 0 ? [`${int(t.levelUnknown)} without a recorded level`] : [])], ' · '),
        ),
        baseline ? row('Vs baseline', 'baseline', baselineTotal(baseline)) : null,
      ),
    ),
    t.growthUnknownEvents > 0
      ? h('p', { class: 'note' }, `${int(t.growthUnknownEvents)} kept events would be logged above their recorded level: the bodies they would add were never recorded, so their size is unknown.`)
      : null,
    t.requestReceivedNotRecorded > 0
      ? h('p', { class: 'note' }, `The logs hold no RequestReceived events; this policy would also log that stage for ${int(t.requestReceivedNotRecorded)} requests (not counted).`)
      : null,
  );
}

function ruleRow(r: RuleRow, label: string, summary: string, v: ReplayViewData, revealable: boolean, selected: boolean): VNode {
  const never = r.events === 0;
  return h(
    'tr',
    {
      class: ['rule', never ? 'never' : '', selected ? 'selected' : ''].filter((c) => c !== '').join(' '),
      'data-rule': r.rule ?? undefined,
      'data-action': revealable ? 'reveal' : undefined,
      'aria-current': selected ? 'true' : undefined,
      tabindex: revealable ? 0 : undefined,
      title: revealable ? `Rule ${r.rule}: ${summary} (Enter reveals it in the editor)` : summary,
    },
    h('td', { class: 'num index', 'data-label': 'Rule' }, label),
    h('td', { class: 'level' }, r.level ?? '(invalid)'),
    h('td', { class: 'summary' }, summary, never ? h('span', { class: 'badge' }, 'never hit') : null),
    h('td', { class: 'num', 'data-col': 'hits', 'data-label': 'Hits' }, int(r.events)),
    h('td', { class: 'share' }, bar(r.share), ` ${pct(r.events, v.totals.events)}`),
    h('td', { class: 'num kept', 'data-label': 'Kept' }, int(r.kept)),
    h('td', { class: 'bytes', 'data-label': 'Bytes' }, ...unbroken(bytesPieces(r), ' ')),
    h('td', { class: 'change', 'data-label': 'Vs recorded' }, ...unbroken(changePieces(r), ', ')),
  );
}

function rulesSection(v: ReplayViewData, selected: number | null): VNode {
  const neverHit = v.rules.filter((r) => r.events === 0).length;
  return h(
    'section',
    { 'aria-labelledby': 'rules-h' },
    h('h2', { id: 'rules-h' }, `Rules (${v.rules.length}${neverHit > 0 ? `, ${neverHit} never hit` : ''})`),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'rules cards' },
        h('thead', {}, h('tr', {}, ...['#', 'Level', 'Rule', 'Hits', 'Share', 'Kept', 'Bytes', 'Vs recorded'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          ...v.rules.map((r: ReplayRuleView) => ruleRow(r, String(r.rule), r.summary, v, true, r.rule === selected)),
          v.unmatched.events > 0 ? ruleRow(v.unmatched, '–', 'No rule matches: not logged (level None)', v, false, false) : null,
        ),
      ),
    ),
  );
}

const textFilter = (name: 'user' | 'verb' | 'resource' | 'namespace', label: string, q: ShapeQuery): VNode =>
  h('label', {}, `${label} `, h('input', { type: 'text', 'data-filter': name, 'data-focus-id': `filter-${name}`, value: q[name] ?? '', placeholder: 'any' }));

function select(name: string, label: string, current: string, options: readonly (readonly [string, string])[]): VNode {
  return h(
    'label',
    {},
    `${label} `,
    h('select', { 'data-filter': name, 'data-focus-id': `filter-${name}` }, ...options.map(([value, text]) => h('option', { value, selected: value === current }, text))),
  );
}

/** The row's outcome under the baseline, when it differs ("was Metadata, rule 1"). */
function baselineCell(s: ShapeRow, b: BaselineView): VNode {
  const row = b.result.ok ? b.result.rows.find((r) => r.key === s.key) : undefined;
  if (!row) return h('td', { class: 'baseline', 'data-label': 'Vs baseline' }, '…');
  if (!row.differs) return h('td', { class: 'baseline muted', 'data-label': 'Vs baseline' }, 'same');
  const was = row.before.level === 'None' ? 'not logged' : row.before.level;
  return h('td', { class: 'baseline changed', 'data-label': 'Vs baseline', 'data-differs': 'true' }, ...unbroken([`was ${was},`, row.before.rule === null ? 'no rule' : `rule ${row.before.rule}`], ' '));
}

function shapeRow(s: ShapeRow, v: ReplayViewData, baseline: BaselineView | null): VNode {
  const target = shapeTarget(s);
  const revealable = s.rule !== null && v.rules[s.rule] !== undefined;
  return h(
    'tr',
    { class: 'shape', 'data-key': s.key },
    h('td', { class: 'num', 'data-col': 'events', 'data-label': 'Events' }, int(s.events)),
    h('td', { class: 'user wide', 'data-label': 'User' }, ...(s.user === null ? ['(no user)'] : breakable(s.user))),
    h('td', { class: 'verb', 'data-label': 'Verb' }, s.verb),
    h('td', { class: 'target wide', 'data-label': s.isResourceRequest ? 'Resource' : 'Path' }, ...(target === '' ? ['(empty)'] : breakable(target))),
    h('td', { class: 'ns wide', 'data-label': 'Namespace' }, ...(s.namespace === '' ? [] : breakable(s.namespace))),
    h('td', { class: 'num', 'data-col': 'rule', 'data-label': 'Rule' }, s.rule === null ? 'none' : String(s.rule)),
    h('td', { class: 'level', 'data-label': 'Level' }, s.level),
    h('td', { class: 'bytes', 'data-label': 'Bytes' }, ...unbroken(bytesPieces(s), ' ')),
    h('td', { class: 'change', 'data-label': 'Vs recorded' }, ...unbroken(changePieces(s), ', ')),
    baseline ? baselineCell(s, baseline) : null,
    h(
      'td',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary small', 'data-action': 'explain', 'data-key': s.key, 'aria-label': `Explain ${s.verb} ${target} by ${s.user ?? 'no user'}` }, 'Explain'),
      revealable ? h('button', { type: 'button', class: 'secondary small', 'data-action': 'reveal', 'data-rule': s.rule ?? undefined }, `Go to rule ${s.rule}`) : null,
      h(
        'button',
        { type: 'button', class: 'secondary small', 'data-action': 'addTestCase', 'data-key': s.key, title: "Add as test case: pin this request's current outcome in the policy's test file" },
        'Add test case',
      ),
    ),
  );
}

function shapesSection(v: ReplayViewData, m: PanelModel): VNode {
  const q = m.query;
  const page = v.shapes;
  const first = page.rows.length === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.rows.length;
  const limit = page.rows.length === 0 ? 50 : Math.max(page.rows.length, q.limit ?? 50);
  return h(
    'section',
    { 'aria-labelledby': 'shapes-h' },
    h('h2', { id: 'shapes-h' }, 'Request shapes'),
    h(
      'div',
      { class: 'filters', role: 'search' },
      textFilter('user', 'User', q),
      textFilter('verb', 'Verb', q),
      textFilter('resource', 'Resource or path', q),
      textFilter('namespace', 'Namespace', q),
      select('level', 'Level', q.level ?? '', [['', 'any'], ...LEVELS.map((l) => [l, l] as const)]),
      select('rule', 'Rule', q.rule === undefined ? '' : String(q.rule), [['', 'any'], ['none', 'none'], ...v.rules.map((r) => [String(r.rule), `${r.rule} · ${r.level ?? '?'}`] as const)]),
      select('changed', 'Vs recorded', q.changed ?? 'any', [
        ['any', 'any'],
        ['up', 'went up'],
        ['down', 'went down'],
        ['same', 'unchanged'],
      ]),
      select('sort', 'Sort by', q.sort ?? 'events', [
        ['events', 'events'],
        ['bytesBefore', 'bytes recorded'],
        ['bytesAfter', 'bytes after'],
      ]),
    ),
    h('p', { class: 'muted', 'data-shapes': `${page.matched}` }, `${int(first)}–${int(last)} of ${int(page.matched)} matching shapes (${int(page.total)} in all)`),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'shapes cards' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Events', 'User', 'Verb', 'Resource or path', 'Namespace', 'Rule', 'Level', 'Bytes', 'Vs recorded', ...(m.baseline ? ['Vs baseline'] : []), 'Actions'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h('tbody', {}, ...page.rows.map((s) => shapeRow(s, v, m.baseline ?? null))),
      ),
    ),
    h(
      'div',
      { class: 'pager' },
      h('button', { type: 'button', 'data-action': 'page', 'data-offset': Math.max(0, page.offset - limit), disabled: page.offset === 0 }, '‹ Previous'),
      h('button', { type: 'button', 'data-action': 'page', 'data-offset': page.offset + limit, disabled: last >= page.matched }, 'Next ›'),
    ),
  );
}

function explainSection(result: ExplainRequestResult, v: ReplayViewData): VNode {
  if (!result.ok) return h('section', { class: 'explain', 'aria-labelledby': 'explain-h' }, h('h2', { id: 'explain-h' }, 'Explain'), h('p', { class: 'warn' }, result.message));
  const a = result.attributes;
  const target = a.isResourceRequest ? [a.apiGroup, a.resource, a.subresource].filter((x) => x !== '').join('/') : a.path;
  return h(
    'section',
    { class: 'explain', 'aria-labelledby': 'explain-h' },
    h('h2', { id: 'explain-h' }, 'Explain'),
    h(
      'p',
      {},
      ...breakable(`${a.verb} ${target}${a.namespace === '' ? '' : ` in ${a.namespace}`} by ${a.user?.name ?? '(no user)'}`),
      a.user && a.user.groups.length > 0 ? ` [${a.user.groups.join(', ')}]` : '',
    ),
    explainTrace(result, { revealable: (rule) => v.rules[rule] !== undefined, summaries: false }),
    h('p', { class: 'result' }, outcomeText(result.evaluation)),
  );
}

function errorsSection(v: ReplayViewData): VNode | null {
  if (v.totals.errors === 0) return null;
  return h(
    'section',
    { 'aria-labelledby': 'errors-h' },
    h('h2', { id: 'errors-h' }, `Unreadable (${int(v.totals.errors)})`),
    v.errors.length < v.totals.errors ? h('p', { class: 'muted' }, `The first ${int(v.errors.length)}:`) : null,
    h('ul', { class: 'errors' }, ...v.errors.map((e) => h('li', {}, h('code', {}, `${e.file}${e.line === null ? '' : `:${e.line}`}`), ` ${e.message}`))),
  );
}
