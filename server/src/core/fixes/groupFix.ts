// core-group-name / invalid-group: `core` or `v1` -> "" (the core group has no name), and a version
// written into the group (`apps/v1` -> `apps`, `core/v1` -> ""): audit rules match the group only;
// and a group in capitals (`Apps` -> `apps`).
import type { FixProvider } from './fix.ts';
import { scalarEdit } from './scalarEdit.ts';

const CORE_NAMES = new Set(['core', 'v1', 'api', 'legacy']);

/** The group meant by what was written, or undefined when there is no obvious reading. */
export function intendedGroup(written: string): string | undefined {
  const name = written.includes('/') ? written.slice(0, written.indexOf('/')) : written;
  if (CORE_NAMES.has(name.toLowerCase()) || (written.includes('/') && name === '')) return '';
  // Group names are DNS subdomains, so lowercase; kube-apiserver compares them exactly.
  const lower = name.toLowerCase();
  return lower !== written ? lower : undefined;
}

export const groupFix: FixProvider = (finding, { yaml, text }) => {
  const s = yaml.stringAt(finding.span.start);
  const group = s ? intendedGroup(s.value) : undefined;
  if (!s || group === undefined) return [];
  const title =
    group === '' ? `Change group '${s.value}' to "" (the core group)` : s.value.includes('/') ? `Change group '${s.value}' to '${group}' (a group has no version)` : `Change group '${s.value}' to '${group}'`;
  return [{ title, edits: [scalarEdit(text, s.span, group)], preferred: true }];
};
