// Fixes that remove what kube-apiserver ignores or can never use, so the file says what it does:
// - duplicate-key: the earlier of two equal keys (the lenient decoder keeps the last one);
// - obsolete-user: a user no request carries any more (the whole rule when it was its only user);
// - wrong-kind: kind becomes Policy.
import { isScalar, isSeq } from 'yaml';
import { span } from '../span.ts';
import { itemSpan, pairSpan } from './blockSpans.ts';
import { edit, type FixProvider } from './fix.ts';
import { deleteRule } from './ruleMoves.ts';
import { scalarEdit } from './scalarEdit.ts';

export const duplicateKeyFix: FixProvider = (finding, { yaml, text }) => {
  const first = finding.related?.[0];
  const at = first ? yaml.pairWithKeyAt(first.span.start) : undefined;
  const s = at ? pairSpan(text, at.map, at.pair) : undefined;
  if (!at || !s) return [];
  return [{ title: `Remove the earlier '${String(at.pair.key.value)}' (kube-apiserver keeps the last one)`, edits: [edit(s.start, s.end, '')], preferred: true }];
};

export const obsoleteUserFix: FixProvider = (finding, { yaml, text }) => {
  const rule = finding.rule === null ? undefined : yaml.rule(finding.rule);
  const users = rule?.get('users', true);
  if (finding.rule === null || !isSeq(users)) return [];
  const index = users.items.findIndex((n) => isScalar(n) && n.range?.[0] === finding.span.start);
  const name = isScalar(users.items[index]) ? String((users.items[index] as { value: unknown }).value) : '';
  if (index < 0) return [];
  if (users.items.length === 1) {
    const edits = deleteRule(yaml, finding.rule);
    return edits ? [{ title: `Delete rule ${finding.rule} (no request carries ${name})`, edits, preferred: true }] : [];
  }
  const s = itemSpan(text, users, index);
  return s ? [{ title: `Remove ${name} (no request carries it)`, edits: [edit(s.start, s.end, '')], preferred: true }] : [];
};

export const wrongKindFix: FixProvider = (_finding, { yaml, text }) => {
  const kind = yaml.root?.get('kind', true);
  if (!isScalar(kind) || !kind.range) return [];
  return [{ title: 'Change kind to Policy', edits: [scalarEdit(text, span(kind.range[0], kind.range[1]), 'Policy')], preferred: true }];
};
