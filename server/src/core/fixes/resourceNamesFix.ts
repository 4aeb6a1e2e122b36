// resource-names-without-resources: kube-apiserver refuses the entry. Either name any resource
// (`resources: ["*"]`, keeping the name restriction: "objects with these names, whatever their
// resource") or drop the names (the entry then covers the whole group).
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { pairSpan } from './blockSpans.ts';
import { edit, type Fix, type FixProvider } from './fix.ts';
import { quoteOf } from './seqAppend.ts';
import { styledString } from './scalarEdit.ts';
import { column, lineBreak } from './textLines.ts';

export const resourceNamesFix: FixProvider = (finding, { yaml, text }) => {
  const entries = finding.rule === null ? undefined : yaml.rule(finding.rule)?.get('resources', true);
  if (!isSeq(entries)) return [];
  const entry = entries.items.find((e) => isMap(e) && e.range && e.range[0] <= finding.span.start && finding.span.start < e.range[2]);
  if (!isMap(entry)) return [];
  const names = entry.items.find((p: Pair<unknown, unknown>) => isScalar(p.key) && p.key.value === 'resourceNames');
  const key = names?.key as Node | undefined;
  if (!names || !key?.range || entry.has('resources')) return [];
  const fixes: Fix[] = [];
  const star = styledString('*', isSeq(names.value) ? quoteOf(text, names.value) : '"');
  const separator = entry.flow ? ', ' : `${lineBreak(text)}${' '.repeat(column(text, key.range[0]))}`;
  fixes.push({ title: 'Add resources: ["*"] (these names in any resource of the group)', edits: [edit(key.range[0], key.range[0], `resources: [${star}]${separator}`)], preferred: false });
  const remove = pairSpan(text, entry, names);
  if (remove) fixes.push({ title: 'Remove resourceNames (the entry then covers the whole group)', edits: [edit(remove.start, remove.end, '')], preferred: false });
  return fixes;
};
