// The keys of a policy test file by where they sit (the file, a case, a case's expect), with the
// descriptions of schemas/policy-test.schema.json: the texts Red Hat's YAML extension shows, so
// completion and hover in the editor say the same.
import schemaJson from '../../../../schemas/policy-test.schema.json';

export type TestKeyContext = 'file' | 'case' | 'expect';

interface Node {
  readonly description?: string;
  readonly properties?: Readonly<Record<string, Node>>;
}

const schema = schemaJson as Node & { readonly definitions: Readonly<Record<'case' | 'expect', Node>> };

const NODES: Readonly<Record<TestKeyContext, Node>> = { file: schema, case: schema.definitions.case, expect: schema.definitions.expect };

export interface TestSchemaKey {
  readonly key: string;
  readonly description: string;
}

/** Key paths in a test file and the context of the mappings found there (for the completion site). */
export const TEST_KEY_PATHS: readonly (readonly [string, TestKeyContext])[] = [
  ['', 'file'],
  ['cases', 'case'],
  ['cases/expect', 'expect'],
];

export function testSchemaKeys(context: TestKeyContext): readonly TestSchemaKey[] {
  return Object.entries(NODES[context].properties ?? {}).map(([key, node]) => ({ key, description: node.description ?? (key === 'expect' ? (schema.definitions.expect.description ?? '') : '') }));
}

export const testKeyDescription = (context: TestKeyContext, key: string): string | undefined => testSchemaKeys(context).find((k) => k.key === key)?.description;
