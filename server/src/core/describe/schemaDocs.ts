// Descriptions from schemas/audit-policy.schema.json (through the loader's schema walker), the same
// texts Red Hat's YAML extension shows, so every tool says the same thing about a field.
import { POLICY_SCHEMA, knownFields, schemaAt } from '../load/policySchema.ts';

/** Where a key sits: the policy document, one rule, or one `resources:` entry. */
export type KeyContext = 'policy' | 'rule' | 'groupResources';

const CONTEXT_PATHS: Record<KeyContext, readonly string[]> = {
  policy: [],
  rule: ['rules', '0'],
  groupResources: ['rules', '0', 'resources', '0'],
};

export interface SchemaKey {
  readonly key: string;
  readonly description: string;
}

/** The keys allowed in a context, with their descriptions, in schema order. */
export function schemaKeys(context: KeyContext): readonly SchemaKey[] {
  const node = schemaAt(CONTEXT_PATHS[context])?.node;
  return node ? knownFields(node).map((key) => ({ key, description: keyDescription(context, key) ?? '' })) : [];
}

export function keyDescription(context: KeyContext, key: string): string | undefined {
  const node = schemaAt(CONTEXT_PATHS[context])?.node;
  if (!node?.properties || !Object.prototype.hasOwnProperty.call(node.properties, key)) return undefined;
  return schemaAt([...CONTEXT_PATHS[context], key])?.node.description;
}

/** What a level or stage means, from the schema's enumDescriptions. */
export function enumDescription(type: 'Level' | 'Stage', value: string): string | undefined {
  const node = POLICY_SCHEMA.definitions?.[type];
  const i = (node?.enum ?? []).indexOf(value);
  return i < 0 ? undefined : node?.enumDescriptions?.[i];
}
