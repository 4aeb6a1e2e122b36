// The pieces of the compiled SQL against the core, on many generated cases in a few queries:
// a rule's condition (ruleCondition.ts) against the checker's ruleMatches, and the request path
// (pathSql.ts) against the core's percent-decoding of requestURI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ruleMatches } from '../../server/src/core/evaluate/ruleMatches.ts';
import type { RequestAttributes } from '../../server/src/core/attributes.ts';
import { STAGES } from '../../server/src/core/model.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { leveledSelect } from '../../server/src/core/sql/definitions.ts';
import { EVENT } from '../../server/src/core/sql/eventColumns.ts';
import { pathDefinitions } from '../../server/src/core/sql/pathSql.ts';
import { ruleCondition } from '../../server/src/core/sql/ruleCondition.ts';
import { sqlString, sqlStringArray } from '../../server/src/core/sql/sqlLiteral.ts';
import { attributesOf, ruleOf, type AttributesSpec, type RuleSpec } from '../fixtures/semantics/build.ts';
import { queryRows } from '../helpers/chdb.ts';

// Small alphabets so that rules and requests meet; odd strings so that quoting and byte-wise
// comparison are exercised (a surrogate pair, a lone surrogate, quotes, backslash, NUL).
const word = fc.constantFrom('', '*', 'a', 'b', 'pods', 'log', 'apps', 'alice', "o'b", '\\', 'a\u0000', '😀', '\ud83d');
const words = fc.array(word, { maxLength: 3 });
const resourceSpec = fc.constantFrom('*', 'pods', 'pods/log', 'pods/*', '*/log', '*/*', 'a', 'a/b', 'pods/', '/log', '*/', '/*', 'a/b/c', "o'b/*");
const pathSpec = fc.constantFrom('*', '/', '/a', '/a*', '/a/*', '/a**', 'a', '', '/a/b', '/😀*', '/\ud83d*', '/\ude00*', '\ud83d\ude00', "/o'b*", '**');
const path = fc.constantFrom('', '/', '/a', '/a/', '/a/b', '/ab', 'a', '/😀', '/😀x', '/😁', '/\ufffd', "/o'b/c", '/a\u0000');

const ruleSpec: fc.Arbitrary<RuleSpec> = fc.record(
  {
    level: fc.constantFrom('None', 'Metadata', 'Request', 'RequestResponse', null),
    users: words,
    userGroups: words,
    verbs: words,
    namespaces: words,
    nonResourceURLs: fc.array(pathSpec, { maxLength: 3 }),
    resources: fc.array(fc.record({ group: word, resources: fc.array(resourceSpec, { maxLength: 3 }), resourceNames: words }), { maxLength: 2 }),
    omitStages: fc.subarray([...STAGES]),
  },
  { requiredKeys: ['level'] },
);

const request: fc.Arbitrary<AttributesSpec> = fc.record({
  user: fc.option(fc.record({ name: word, groups: words }), { nil: null }),
  verb: word,
  isResourceRequest: fc.boolean(),
  namespace: word,
  apiGroup: word,
  resource: word,
  subresource: word,
  name: word,
  path,
});

/** Rows of the event columns a rule condition reads, one per request (column i: its index). */
function attributeRows(requests: readonly RequestAttributes[]): string {
  const columns: [string, (a: RequestAttributes) => string, string][] = [
    [EVENT.hasUser, (a) => String(a.user !== null), 'Bool'],
    [EVENT.user, (a) => sqlString(a.user?.name ?? ''), 'String'],
    [EVENT.groups, (a) => sqlStringArray(a.user?.groups ?? []), 'Array(String)'],
    [EVENT.verb, (a) => sqlString(a.verb), 'String'],
    [EVENT.isResource, (a) => String(a.isResourceRequest), 'Bool'],
    [EVENT.namespace, (a) => sqlString(a.namespace), 'String'],
    [EVENT.apiGroup, (a) => sqlString(a.apiGroup), 'String'],
    [EVENT.resource, (a) => sqlString(a.resource), 'String'],
    [EVENT.subresource, (a) => sqlString(a.subresource), 'String'],
    [EVENT.name, (a) => sqlString(a.name), 'String'],
    [EVENT.path, (a) => sqlString(a.path), 'String'],
  ];
  const arrays = columns.map(([name, value, type]) => `CAST([${requests.map(value).join(', ')}] AS Array(${type})) AS ${name}_all`).join(', ');
  return `SELECT i, ${columns.map(([name]) => `${name}_all[i] AS ${name}`).join(', ')} FROM (SELECT ${arrays}) ARRAY JOIN arrayEnumerate(${EVENT.verb}_all) AS i`;
}

/** Lone surrogates cannot be event strings (ClickHouse refuses such JSON): such requests stay out. */
const wellFormed = (a: RequestAttributes): boolean =>
  ![a.user?.name ?? '', ...(a.user?.groups ?? []), a.verb, a.namespace, a.apiGroup, a.resource, a.subresource, a.name, a.path].some((x) => /[\ud800-\udfff]/.test(x.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));

test('each rule condition decides as ruleMatches (random rules × random requests, group "*" before and from 1.36)', async () => {
  for (const minor of [35, 36]) {
    const v = { major: 1 as const, minor };
    const rules = fc.sample(ruleSpec, { numRuns: 150, seed: minor }).map((r, i) => ruleOf(r, i));
    const requests = fc.sample(request, { numRuns: 200, seed: minor + 1 }).map(attributesOf).filter(wellFormed);
    const conditions = rules.map((r) => ruleCondition(r, v) ?? 'false');
    const rows = await queryRows(
      `SELECT i, [${conditions.join(', ')}] AS m FROM (${attributeRows(requests)}) ORDER BY i`,
    );
    assert.equal(rows.length, requests.length);
    for (const row of rows) {
      const a = requests[Number(row['i']) - 1]!;
      const got = row['m'] as boolean[];
      rules.forEach((rule, k) => assert.equal(Boolean(got[k]), ruleMatches(rule, a, v), `1.${minor} rule ${JSON.stringify(rule, ['level', 'users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs', 'resources', 'group', 'resourceNames'])} request ${JSON.stringify(a)}`));
    }
  }
});

// Percent-encodings that decode to valid and invalid UTF-8, a BOM, bad escapes, queries.
const uriPart = fc.constantFrom('/', 'a', '%2F', '%41', '%61', '%C3%A9', '%E2%82%AC', '%F0%9F%98%80', '%FF', '%C0%AF', '%E2%82', '%ED%A0%80', '%F4%90%80%80', '%EF%BB%BF', '%', '%4', '%zz', '%%', '?', '?%FF', '+', 'é', '😀', ' ');
const uri = fc.array(uriPart, { maxLength: 8 }).map((parts) => parts.join(''));

test('the path of a requestURI is the core\'s (query cut, percent-decoded, UTF-8 read as TextDecoder reads it)', async () => {
  const uris = [...new Set([...fc.sample(uri, { numRuns: 600, seed: 7 }), '%EF%BB%BF%EF%BB%BF/x', '/%EF%BB%BF', '%EF%BB'])];
  const rows = await queryRows(`SELECT i, kap_path FROM (${leveledSelect(pathDefinitions('kap_path', 'kap_uri'), `(SELECT arrayJoin(arrayEnumerate(u)) AS i, u[i] AS kap_uri FROM (SELECT ${sqlStringArray(uris)} AS u))`)}) ORDER BY i`);
  assert.equal(rows.length, uris.length);
  for (const row of rows) {
    const u = uris[Number(row['i']) - 1]!;
    const r = eventToAttributes({ verb: 'get', requestURI: u, objectRef: {} });
    const expected = r.ok ? r.attributes.path : `(${r.error})`;
    assert.equal(row['kap_path'], expected, JSON.stringify(u));
  }
});
