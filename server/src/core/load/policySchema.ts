// The JSON schema of the policy file (schemas/audit-policy.schema.json), shared by the loader's
// type checks and the editor's hover and completion, and a walker that follows a path through it.
import schemaJson from '../../../../schemas/audit-policy.schema.json';

export interface SchemaNode {
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly (string | null)[];
  readonly enumDescriptions?: readonly string[];
  readonly examples?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
  /** The Go struct this object decodes into (for the decoder's error wording). */
  readonly 'x-go-struct'?: string;
  /** The Go type of the field, as encoding/json names it in errors. */
  readonly 'x-go-type'?: string;
}

export const POLICY_SCHEMA = schemaJson as SchemaNode;

/** A schema node with its $ref resolved; local fields (description) override the target's. */
export function resolveRef(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/definitions/', '');
  const target = POLICY_SCHEMA.definitions?.[name];
  if (!target) return node;
  const { $ref: _ref, ...local } = node;
  return { ...target, ...local };
}

export interface SchemaLocation {
  readonly node: SchemaNode;
  /** The innermost Go struct on the path, and the JSON field names walked from the root. */
  readonly struct: string;
  readonly fields: readonly string[];
}

/** Follows object keys and array indices (as strings) from the root; undefined off the schema. */
export function schemaAt(path: readonly string[]): SchemaLocation | undefined {
  let node = resolveRef(POLICY_SCHEMA);
  let struct = node['x-go-struct'] ?? 'Policy';
  const fields: string[] = [];
  for (const seg of path) {
    if (node.items) {
      node = resolveRef(node.items);
      continue;
    }
    const field = node.properties?.[seg];
    // Map values (labels, annotations): Go names the map field, not the key, in its errors.
    const child = field ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    if (!child) return undefined;
    if (field) {
      if (node['x-go-struct']) struct = node['x-go-struct'];
      fields.push(seg);
    }
    node = resolveRef(child);
  }
  return { node, struct, fields };
}

export const knownFields = (node: SchemaNode): readonly string[] => Object.keys(node.properties ?? {});
