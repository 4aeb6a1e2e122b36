// What dropping an unknown field does to the policy. kube-apiserver decodes strictly first, logs
// "Audit policy contains errors, falling back to lenient decoding" and decodes again without the
// unknown fields (pkg/audit/policy/reader.go since 1.26; before that the field was dropped silently).
// Field names are case-sensitive: kube-apiserver decodes with sigs.k8s.io/json (case-sensitive since
// 1.23; json-iterator configured case-sensitive before), so `Verbs` is as unknown as `verb`.
import { closest, distance } from 'fastest-levenshtein';
import { quote } from '../quote.ts';
import { knownFields, schemaAt } from './policySchema.ts';
import { entryOf, type YObject } from './yamlValue.ts';

const RULE_FIELDS = knownFields(schemaAt(['rules', '0'])?.node ?? {});
const GROUP_RESOURCES_FIELDS = knownFields(schemaAt(['rules', '0', 'resources', '0'])?.node ?? {});

const MATCHES_EVERY: Readonly<Record<string, string>> = {
  users: 'every user',
  userGroups: 'every group',
  verbs: 'every verb',
  resources: 'every resource',
  namespaces: 'every namespace',
  nonResourceURLs: 'every non-resource URL',
};

export interface UnknownFieldContext {
  /** The Go struct holding the field: Policy, PolicyRule, GroupResources or ObjectMeta. */
  readonly struct: string;
  readonly known: readonly string[];
  /** The mapping the field is in. */
  readonly container: YObject;
}

/** The known field the user most likely meant, if any is close enough. */
export function nearestField(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = known.find((k) => k.toLowerCase() === name.toLowerCase());
  if (lower) return lower;
  const best = closest(name, [...known]);
  return distance(name, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

export interface UnknownFieldText {
  readonly message: string;
  readonly detail: string;
}

const LENIENT = 'kube-apiserver decodes strictly first, then drops unknown fields and starts anyway (from 1.26 it logs "falling back to lenient decoding").';

export function unknownFieldMessage(name: string, ctx: UnknownFieldContext): UnknownFieldText {
  const near = nearestField(name, ctx.known);
  const effect = near ? effectOf(near, ctx) : '';
  const hint = !near
    ? misplaced(name, ctx.struct)
    : near.toLowerCase() === name.toLowerCase()
      ? ` Field names are case-sensitive: did you mean "${near}"?`
      : ` Did you mean "${near}"?`;
  return { message: `Unknown field ${quote(name)}${where(ctx.struct)}: kube-apiserver drops it${effect}.`, detail: `${hint.trim()} ${LENIENT}`.trim() };
}

/** A known field one level too high: a rule field at policy level, a resources-entry field in a rule. */
function misplaced(name: string, struct: string): string {
  if (struct === 'Policy' && RULE_FIELDS.includes(name) && name !== 'omitStages' && name !== 'omitManagedFields') {
    return ` "${name}" is a rule field: put it in an entry of rules (rules: [{level: ..., ${name}: ...}]).`;
  }
  if (struct === 'PolicyRule' && GROUP_RESOURCES_FIELDS.includes(name) && name !== 'resources') {
    return ` "${name}" belongs in an entry of resources (resources: [{group: ..., resources: [...], ${name}: ...}]).`;
  }
  return '';
}

function where(struct: string): string {
  switch (struct) {
    case 'PolicyRule':
      return ' in this rule';
    case 'GroupResources':
      return ' in this resources entry';
    case 'ObjectMeta':
      return ' in metadata';
    default:
      return '';
  }
}

function effectOf(near: string, ctx: UnknownFieldContext): string {
  if (entryOf(ctx.container, near)) return `; the rule keeps its own "${near}"`;
  if (ctx.struct === 'PolicyRule') {
    const every = MATCHES_EVERY[near];
    if (every) return `, so this rule matches ${every}`;
    if (near === 'level') return ', so this rule has no level and kube-apiserver refuses the file';
    if (near === 'omitStages') return ', so this rule omits only the policy-level omitStages';
    if (near === 'omitManagedFields') return ', so the policy-level omitManagedFields applies to this rule';
  }
  if (ctx.struct === 'GroupResources') {
    const group = entryOf(ctx.container, 'group')?.value;
    const groupName = group?.kind === 'string' && group.value !== '' ? 'its group' : 'the core group';
    if (near === 'resources') return `, so it matches every resource of ${groupName}`;
    if (near === 'resourceNames') return ', so this entry matches objects of any name';
    if (near === 'group') return ', so this entry applies to the core group ""';
  }
  if (ctx.struct === 'Policy') {
    if (near === 'rules') return ', so the policy has no rules and kube-apiserver refuses it';
    if (near === 'omitStages') return ', so no stage is omitted at policy level';
    if (near === 'omitManagedFields') return ', so managedFields stay in logged bodies unless a rule says otherwise';
  }
  return '';
}
