// unknown-field: rename the key to the field the finding's message suggests (`verb` -> `verbs`,
// `resource` -> `resources`, `userGroup` -> `userGroups`; same schema and same nearest-name rule as
// the loader), turning a lone value into a list when the field holds one; or delete the key, which is
// what kube-apiserver does with it anyway.
import { isScalar, isSeq } from 'yaml';
import { knownFields, resolveRef, schemaAt } from '../load/policySchema.ts';
import { nearestField } from '../load/unknownFieldMessage.ts';
import { pairSpan } from './blockSpans.ts';
import { edit, type Fix, type FixProvider } from './fix.ts';

export const unknownFieldFix: FixProvider = (finding, { yaml, text }) => {
  const at = yaml.pairWithKeyAt(finding.span.start);
  if (!at || !isScalar(at.pair.key) || !at.pair.key.range) return [];
  const name = String(at.pair.key.value);
  const fixes: Fix[] = [];
  const path = at.path.map(String);
  const place = schemaAt(path);
  const target = place ? nearestField(name, knownFields(place.node)) : undefined;
  if (target !== undefined && target !== name && !at.map.has(target) && fits(at.pair.value, [...path, target])) {
    const key = at.pair.key.range;
    const edits = [edit(key[0], key[1], target)];
    const value = at.pair.value;
    const type = schemaAt([...path, target])?.node.type;
    const isList = type === 'array' || (Array.isArray(type) && type.includes('array'));
    if (isList && isScalar(value) && value.range && value.value !== null) {
      edits.push(edit(value.range[0], value.range[0], '['), edit(value.range[1], value.range[1], ']'));
    }
    fixes.push({ title: `Rename '${name}' to '${target}'`, edits, preferred: true });
  }
  const remove = pairSpan(text, at.map, at.pair);
  if (remove) fixes.push({ title: `Remove '${name}' (kube-apiserver ignores it)`, edits: [edit(remove.start, remove.end, '')], preferred: false });
  return fixes;
};

const allows = (type: string | readonly string[] | undefined, t: string): boolean => type === undefined || type === t || (Array.isArray(type) && type.includes(t));

/** Whether the value could be the renamed field's (a list of strings is no `resources` list of entries). */
function fits(value: unknown, path: readonly string[]): boolean {
  const items = schemaAt(path)?.node.items;
  if (!isSeq(value) || !items) return true;
  const itemType = resolveRef(items).type;
  return value.items.every((v) => !isScalar(v) || allows(itemType, 'string'));
}
