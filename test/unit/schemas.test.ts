// The JSON schemas we ship are valid draft-07 schemas: the validators compile them without
// checking them against the meta-schema (a start-up cost on every command), so this test does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';

const SCHEMAS = join(__dirname, '..', '..', 'schemas');

for (const file of ['audit-policy.schema.json', 'policy-test.schema.json']) {
  test(`${file} is a valid draft-07 schema`, () => {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as Record<string, unknown>;
    assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
    const ajv = new Ajv({ strict: false });
    assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
  });
}

test('the meta-schema check catches a broken schema (so the test above can fail)', () => {
  const ajv = new Ajv({ strict: false });
  assert.equal(ajv.validateSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'objekt' }), false);
});
