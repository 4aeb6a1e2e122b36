// Fixes for resource names the API catalog does not know where they are written: a resource in the
// wrong group, a kind or singular name, a resource removed from its old group, a typo. The facts come
// from the same catalog queries the checks used, so the fix and the finding's message agree.
import { groupsFor, groupsServing, resourceInfo, resourcesNamed, resourcesOf, subresourceForKindPlural } from '../catalog/apiCatalog.ts';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Finding } from '../findings.ts';
import { span } from '../span.ts';
import { itemSpan } from './blockSpans.ts';
import { edit, type Fix, type FixContext, type FixProvider } from './fix.ts';
import { nearest } from './nearest.ts';
import { entryGroup, moveResource, resourceItemAt, type ResourceItem } from './resourceMove.ts';
import { scalarEdit } from './scalarEdit.ts';

const label = (group: string): string => (group === '' ? '"" (core)' : group);

function split(value: string): { base: string; sub: string | undefined } {
  const slash = value.indexOf('/');
  return slash < 0 ? { base: value, sub: undefined } : { base: value.slice(0, slash), sub: value.slice(slash + 1) };
}

/** `resource` in `group`: a rename in place when the group stays, else a move. */
function relocate(ctx: FixContext, item: ResourceItem, group: string, resource: string, preferred: boolean): Fix[] {
  if (group === entryGroup(item.entry)) {
    return [{ title: `Change '${item.value}' to '${resource}'`, edits: [scalarEdit(ctx.text, item.span, resource)], preferred }];
  }
  const edits = moveResource(ctx, item, group, resource);
  const what = resource === item.value ? `'${resource}'` : `'${item.value}' as '${resource}'`;
  return edits ? [{ title: `Move ${what} to an entry with group ${label(group)}`, edits, preferred }] : [];
}

function withItem(run: (item: ResourceItem, finding: Finding, ctx: FixContext) => Fix[]): FixProvider {
  return (finding, ctx) => {
    const item = resourceItemAt(ctx, finding.rule, finding.span.start);
    return item ? run(item, finding, ctx) : [];
  };
}

export const wrongGroupFix = withItem((item, _f, ctx) => {
  const groups = groupsServing(split(item.value).base, ctx.kubernetesVersion).filter((g) => g !== entryGroup(item.entry));
  return groups.slice(0, 3).flatMap((g) => relocate(ctx, item, g, item.value, groups.length === 1));
});

export const kindInsteadOfResourceFix = withItem((item, _f, ctx) => {
  const { base, sub } = split(item.value);
  const info = resourcesNamed(base, ctx.kubernetesVersion, entryGroup(item.entry))[0];
  if (!info) return [];
  return relocate(ctx, item, info.group, sub === undefined ? info.name : `${info.name}/${sub}`, true);
});

const removedResourceFix = withItem((item, _f, ctx) => {
  const { base } = split(item.value);
  const movedTo = resourceInfo(entryGroup(item.entry), base)?.movedTo;
  return movedTo === undefined ? [] : relocate(ctx, item, movedTo, item.value, true);
});

/**
 * A removed group (the finding is on `group:`): when every listed resource moved to the same group,
 * the entry follows it; otherwise the entry, which matches nothing, is deleted if the rule keeps
 * another entry (deleting the last one would widen the rule to every resource).
 */
const removedGroupFix: FixProvider = (finding, { yaml, text }) => {
  const entries = finding.rule === null ? undefined : yaml.rule(finding.rule)?.get('resources', true);
  if (!isSeq(entries)) return [];
  const index = entries.items.findIndex((e) => isMap(e) && (e.get('group', true) as Node | undefined)?.range?.[0] === finding.span.start);
  const entry = entries.items[index];
  const groupNode = isMap(entry) ? entry.get('group', true) : undefined;
  if (!isMap(entry) || !isScalar(groupNode) || !groupNode.range) return [];
  const group = String(groupNode.value);
  const list = entry.get('resources', true);
  const names = isSeq(list) ? list.items.map((n) => (isScalar(n) ? String(n.value) : '')) : [];
  const targets = new Set(names.map((n) => resourceInfo(group, split(n).base)?.movedTo));
  const [target] = targets;
  if (names.length > 0 && targets.size === 1 && target !== undefined) {
    return [{ title: `Change group '${group}' to '${target}', which serves ${names.join(', ')} now`, edits: [scalarEdit(text, span(groupNode.range[0], groupNode.range[1]), target)], preferred: true }];
  }
  const remove = entries.items.length > 1 ? itemSpan(text, entries, index) : undefined;
  return remove ? [{ title: `Delete the '${group}' entry (it matches nothing)`, edits: [edit(remove.start, remove.end, '')], preferred: false }] : [];
};

export const removedApiFix: FixProvider = (finding, ctx) => [...removedResourceFix(finding, ctx), ...removedGroupFix(finding, ctx)];

export const unknownResourceFix = withItem((item, _f, ctx) => {
  const { base, sub } = split(item.value);
  const group = entryGroup(item.entry);
  const via = subresourceForKindPlural(base)[0];
  if (via) return relocate(ctx, item, via.group, `${via.resource}/${via.subresource}`, true);
  const suggestion = nearest(base, resourcesOf(group, ctx.kubernetesVersion).map((r) => r.name));
  return suggestion === undefined ? [] : relocate(ctx, item, group, sub === undefined ? suggestion : `${suggestion}/${sub}`, true);
});

/** unknown-group with a built-in group one typo away (`app` -> `apps`); not preferred: CRD groups exist. */
export const unknownGroupFix: FixProvider = (finding, { yaml, text, kubernetesVersion }) => {
  const s = yaml.stringAt(finding.span.start);
  const near = s ? nearest(s.value, groupsFor(kubernetesVersion)) : undefined;
  if (!s || near === undefined || near === s.value) return [];
  return [{ title: `Change group '${s.value}' to '${near}'`, edits: [scalarEdit(text, s.span, near)], preferred: false }];
};
