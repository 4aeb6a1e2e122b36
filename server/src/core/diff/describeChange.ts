// The words every diff output uses for a change: an outcome ("Metadata", "not logged",
// "Request without managedFields, omitting RequestReceived"), the rules of a pair ("old rule 3 →
// new rule 1") and the kind of change.
import type { ChangeKind, Outcome } from './outcome.ts';

export function outcomeText(o: Outcome): string {
  if (o.level === 'None') return 'not logged';
  const extras = [o.omitManagedFields && (o.level === 'Request' || o.level === 'RequestResponse') ? 'without managedFields' : '', o.omitStages.length > 0 ? `omitting ${o.omitStages.join(', ')}` : ''];
  const text = extras.filter((x) => x !== '').join(', ');
  return text === '' ? o.level : `${o.level} (${text})`;
}

const ruleName = (side: 'old' | 'new', rule: number | null): string => (rule === null ? `no ${side} rule` : `${side} rule ${rule}`);

export const rulesText = (before: Outcome, after: Outcome): string => `${ruleName('old', before.rule)} → ${ruleName('new', after.rule)}`;

export const CHANGE_KINDS: readonly ChangeKind[] = ['newly-logged', 'newly-dropped', 'more-logged', 'less-logged', 'mixed'];

export const KIND_TITLES: Readonly<Record<ChangeKind, string>> = {
  'newly-logged': 'Newly logged',
  'newly-dropped': 'Newly dropped',
  'more-logged': 'More logged',
  'less-logged': 'Less logged',
  mixed: 'More and less logged',
};

/** "12 changes (3 newly logged, 1 newly dropped, ...)". */
export function countsText(kinds: readonly ChangeKind[]): string {
  const parts = CHANGE_KINDS.map((k) => [k, kinds.filter((x) => x === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${KIND_TITLES[k].toLowerCase()}`);
  return `${kinds.length} change${kinds.length === 1 ? '' : 's'}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}
