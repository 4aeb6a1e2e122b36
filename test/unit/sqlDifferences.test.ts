// Where ClickHouse's JSON parser is stricter than JSON.parse (text kube-apiserver never writes: it
// encodes with Go's encoding/json): a lone surrogate escape, bytes that are not UTF-8, a number
// beyond a double, nesting deeper than 1024. The SQL reports such a row as not an audit Event —
// one row, with its line — where the built-in replay reads it: nothing is silently lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { perEventQuery } from '../../server/src/core/sql/compileSql.ts';
import { sqlString } from '../../server/src/core/sql/sqlLiteral.ts';
import { policyOf } from '../fixtures/semantics/build.ts';
import { queryRows } from '../helpers/chdb.ts';
import { readLogs, tempFile } from '../helpers/readLogs.ts';

test('JSON that only JSON.parse accepts is an error row in SQL, not a lost one', async () => {
  const event = (extra: string): string => `{"verb":"get","requestURI":"/x","stage":"ResponseComplete","level":"Metadata"${extra}}`;
  const lines = [
    event(',"user":{"username":"\\ud800"}'),
    event(',"requestObject":{"big":1e400}'),
    event(`,"requestObject":${'['.repeat(1100)}${']'.repeat(1100)}`),
  ];
  const log = tempFile('stricter.jsonl', Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), Buffer.from(event(',"userAgent":"'), 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]));
  const { records } = await readLogs([log]);
  assert.equal(records.length, 4);
  assert.ok(records.every((r) => !('error' in r)), 'the built-in replay reads all four');
  const source = { from: `(SELECT line, _row_number + 1 AS n FROM file(${sqlString(log)}, 'LineAsString'))`, column: 'line', position: { file: '0', line: 'n' } };
  const rows = await queryRows(perEventQuery(policyOf({ rules: [{ level: 'Metadata' }] }), { source, kubernetesVersion: LATEST_KUBERNETES_VERSION }));
  assert.deepEqual(rows.map((r) => [r['line'], r['error'], r['rule']]), [1, 2, 3, 4].map((line) => [line, 'invalid JSON', null]));
});
