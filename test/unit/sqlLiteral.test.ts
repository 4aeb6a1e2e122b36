// Every value from a policy enters the SQL through sqlString (and a column name through
// sqlIdentifier): ClickHouse must read back exactly the string, whatever it holds — quotes,
// backslashes, newlines, NUL, any Unicode — so no policy can break or extend the query.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sqlIdentifier, sqlString, sqlStringArray } from '../../server/src/core/sql/sqlLiteral.ts';
import { queryRows } from '../helpers/chdb.ts';

const HOSTILE = ["'", "\\'", "x') OR 1=1 --", "'; DROP TABLE t; --", '\\', '\\\\\'', '\n', '\r\n', '\u0000', 'a\u0000b', '\t', '\u007f', '{x:String}', '?', '/*', '*/', '--', '`', '"', 'é', '💥', '\u2028', ''];

/** What ClickHouse reads from each literal, as hex of its bytes (strings may hold any byte). */
async function readBack(strings: readonly string[]): Promise<string[]> {
  const rows = await queryRows(`SELECT hex(s) AS h FROM (SELECT arrayJoin(${sqlStringArray(strings)}) AS s, rowNumberInAllBlocks() AS i) ORDER BY i SETTINGS max_threads = 1`);
  return rows.map((r) => String(r['h']));
}

const utf8Hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

test('hostile strings read back exactly', async () => {
  assert.deepEqual(await readBack(HOSTILE), HOSTILE.map(utf8Hex));
});

test('random strings read back exactly (any Unicode, control characters)', async () => {
  const strings = fc.sample(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: fc.constantFrom(...HOSTILE), maxLength: 6 }), fc.string({ unit: 'binary-ascii', maxLength: 12 })), { numRuns: 400, seed: 42 });
  assert.deepEqual(await readBack(strings), strings.map(utf8Hex));
});

test('a lone surrogate becomes bytes no UTF-8 text has (it matches nothing, as in the core)', async () => {
  const [high, low] = await readBack(['a\ud800b', '\udfff']);
  assert.equal(high, '61EDA08062');
  assert.equal(low, 'EDBFBF');
  // A surrogate pair is one character.
  assert.deepEqual(await readBack(['\ud83d\ude00']), [utf8Hex('😀')]);
});

test('a literal is one token: the query around it stays one SELECT', () => {
  for (const s of HOSTILE) {
    const literal = sqlString(s);
    assert.match(literal, /^'([^'\\\n\r\u0000]|\\.)*'$/s, JSON.stringify(s));
  }
});

test('column names: any name is one quoted identifier', async () => {
  const names = ['line', 'we`ird', 'back\\slash', 'new\nline', 'select', "it's", '💥'];
  for (const name of names) {
    const rows = await queryRows(`SELECT ${sqlIdentifier(name)} AS v FROM (SELECT 1 AS ${sqlIdentifier(name)})`);
    assert.deepEqual(rows, [{ v: 1 }], JSON.stringify(name));
  }
});
