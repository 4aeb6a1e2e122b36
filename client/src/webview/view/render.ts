// The replay panel as data: what the server computed (totals, rules, one page of request shapes,
// unreadable lines, an explanation) turned into element descriptions. Pure: no DOM, no `vscode`;
// every value from a log goes in as text (see dom.ts).
import { formatBytes } from '../../../../server/src/cli/replaySummary.ts';
import { LEVELS } from '../../../../server/src/core/model.ts';
import { shapeTarget, type ShapeQuery } from '../../../../server/src/core/replay/queryShapes.ts';
import type { ReplayCounts, RuleRow, ShapeRow } from '../../../../server/src/core/replay/replayAggregate.ts';
import type { ExplainRequestResult, ReplayRuleView, ReplayView, ReplayViewData } from '../../../../server/src/protocol.ts';
import { bar, h, type VNode } from './dom.ts';

export interface PanelModel {
  /** The policy's file name. */
  readonly policy: string;
  readonly query: ShapeQuery;
  readonly view: ReplayView | null;
  /** Shown while the host works (loading logs). */
  readonly busy: string | null;
  readonly explained: { readonly key: number; readonly result: ExplainRequestResult } | null;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number, of: number): string => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)}%`);

/** Recorded bytes -> estimate; raised levels add bodies the log never had: "unknown", with the lower bound. */
export function bytesText(c: ReplayCounts): string {
  const after = c.growthUnknownEvents > 0 ? `unknown (≥ ${formatBytes(c.bytesAfter)})` : formatBytes(c.bytesAfter);
  return `${formatBytes(c.bytesBefore)} → ${after}`;
}

export function changeText(c: ReplayCounts): string {
  const parts = [c.levelUp > 0 ? `▲ ${int(c.levelUp)} up` : '', c.levelDown > 0 ? `▼ ${int(c.levelDown)} down` : '', c.levelUnknown > 0 ? `${int(c.levelUnknown)} unrecorded` : ''];
  return parts.filter((p) => p !== '').join(', ') || 'same';
}

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
    h(
      'p',
      { class: 'muted' },
      `Document version ${v.version} (as typed, unsaved edits included) · Kubernetes ${v.kubernetesVersion} · ${v.totals.files.length} log${v.totals.files.length === 1 ? '' : 's'}: `,
      h('span', { class: 'files' }, v.totals.files.join(', ')),
    ),
    m.busy === null ? null : h('p', { class: 'busy', role: 'status' }, m.busy),
    totalsSection(v),
    rulesSection(v),
    shapesSection(v, m),
    m.explained ? explainSection(m.explained.result, v) : null,
    errorsSection(v),
  );
}

function totalsSection(v: ReplayViewData): VNode {
  const t = v.totals;
  const row = (label: string, id: string, value: string, extra?: VNode | null): VNode =>
    h('tr', {}, h('th', { scope: 'row' }, label), h('td', { 'data-total': id }, value, extra ?? null));
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
        row('By new level', 'byLevel', LEVELS.map((l) => `${l} ${int(t.byLevel[l])}`).join(' · ')),
        row(
          'Recorded level',
          'recorded',
          [...LEVELS, 'unknown' as const]
            .filter((l) => l !== 'unknown' || t.recordedByLevel.unknown > 0)
            .map((l) => `${l} ${int(t.recordedByLevel[l])}`)
            .join(' · '),
        ),
        row('Bytes', 'bytes', bytesText(t)),
        row('Vs recorded level', 'change', `${int(t.levelUp)} up · ${int(t.levelDown)} down · ${int(t.levelSame)} same${t.levelUnknown > 0 ? ` · ${int(t.levelUnknown)} without a recorded level` : ''}`),
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

function ruleRow(r: RuleRow, label: string, summary: string, v: ReplayViewData, revealable: boolean): VNode {
  const never = r.events === 0;
  return h(
    'tr',
    {
      class: never ? 'rule never' : 'rule',
      'data-rule': r.rule ?? undefined,
      'data-action': revealable ? 'reveal' : undefined,
      tabindex: revealable ? 0 : undefined,
      title: revealable ? `Rule ${r.rule}: ${summary} (Enter reveals it in the editor)` : summary,
    },
    h('td', { class: 'num' }, label),
    h('td', {}, r.level ?? '(invalid)'),
    h('td', { class: 'summary' }, summary, never ? h('span', { class: 'badge' }, 'never hit') : null),
    h('td', { class: 'num', 'data-col': 'hits' }, int(r.events)),
    h('td', { class: 'share' }, bar(r.share), ` ${pct(r.events, v.totals.events)}`),
    h('td', { class: 'num' }, int(r.kept)),
    h('td', {}, bytesText(r)),
    h('td', {}, changeText(r)),
  );
}

function rulesSection(v: ReplayViewData): VNode {
  const neverHit = v.rules.filter((r) => r.events === 0).length;
  return h(
    'section',
    { 'aria-labelledby': 'rules-h' },
    h('h2', { id: 'rules-h' }, `Rules (${v.rules.length}${neverHit > 0 ? `, ${neverHit} never hit` : ''})`),
    h(
      'table',
      { class: 'rules' },
      h('thead', {}, h('tr', {}, ...['#', 'Level', 'Rule', 'Hits', 'Share', 'Kept', 'Bytes', 'Vs recorded'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...v.rules.map((r: ReplayRuleView) => ruleRow(r, String(r.rule), r.summary, v, true)),
        v.unmatched.events > 0 ? ruleRow(v.unmatched, '–', 'No rule matches: not logged (level None)', v, false) : null,
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

function shapeRow(s: ShapeRow, v: ReplayViewData): VNode {
  const target = shapeTarget(s);
  return h(
    'tr',
    { class: 'shape', 'data-key': s.key },
    h('td', { class: 'num', 'data-col': 'events' }, int(s.events)),
    // Actions early in the row: a narrow panel scrolls the last columns out of sight.
    h(
      'td',
      { class: 'actions' },
      h('button', { type: 'button', class: 'link', 'data-action': 'explain', 'data-key': s.key, 'aria-label': `Explain ${s.verb} ${target} by ${s.user ?? 'no user'}` }, 'Explain'),
      s.rule === null || v.rules[s.rule] === undefined ? null : h('button', { type: 'button', class: 'link', 'data-action': 'reveal', 'data-rule': s.rule, 'aria-label': `Reveal rule ${s.rule}` }, 'Rule'),
    ),
    h('td', { class: 'user' }, s.user ?? '(no user)'),
    h('td', {}, s.verb),
    h('td', { class: 'target' }, target === '' ? '(empty)' : target),
    h('td', {}, s.namespace),
    h('td', { class: 'num', 'data-col': 'rule' }, s.rule === null ? 'none' : String(s.rule)),
    h('td', {}, s.level),
    h('td', {}, bytesText(s)),
    h('td', {}, changeText(s)),
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
      'table',
      { class: 'shapes' },
      h('thead', {}, h('tr', {}, ...['Events', '', 'User', 'Verb', 'Resource or path', 'Namespace', 'Rule', 'Level', 'Bytes', 'Vs recorded'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...page.rows.map((s) => shapeRow(s, v))),
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
  const e = result.evaluation;
  const target = a.isResourceRequest ? [a.apiGroup, a.resource, a.subresource].filter((x) => x !== '').join('/') : a.path;
  return h(
    'section',
    { class: 'explain', 'aria-labelledby': 'explain-h' },
    h('h2', { id: 'explain-h' }, 'Explain'),
    h('p', {}, `${a.verb} ${target}${a.namespace === '' ? '' : ` in ${a.namespace}`} by ${a.user?.name ?? '(no user)'}`, a.user && a.user.groups.length > 0 ? ` [${a.user.groups.join(', ')}]` : ''),
    h(
      'ol',
      { class: 'trace' },
      ...e.trace.map((t) =>
        h(
          'li',
          { class: t.matched ? 'matched' : 'skipped' },
          h('button', { type: 'button', class: 'link', 'data-action': 'reveal', 'data-rule': t.rule, disabled: v.rules[t.rule] === undefined }, `Rule ${t.rule}`),
          // A match's reason already starts with "matches: …".
          t.matched ? ` ${t.reason}` : ` does not match: ${t.reason}`,
        ),
      ),
    ),
    h('p', { class: 'result' }, e.rule === null ? `No rule matches: level ${e.level}.` : `Level ${e.level}${e.omitStages.length > 0 ? `, omitting ${e.omitStages.join(', ')}` : ''}.`),
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
