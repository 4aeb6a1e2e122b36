// Properties over generated policies and requests: the fast path, the traced path and the
// definitions agree, and nothing throws on arbitrary input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { evaluate, firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { pathMatches, resourceMatches, ruleMatches } from '../../server/src/core/evaluate/ruleMatches.ts';
import { ruleVerdict } from '../../server/src/core/evaluate/ruleVerdict.ts';
import { STAGES } from '../../server/src/core/model.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { requestInfo } from '../../server/src/core/request/requestInfo.ts';
import { parseRequestLine } from '../../server/src/core/request/requestLine.ts';
import { attributesOf, policyOf, type AttributesSpec, type RuleSpec } from '../fixtures/semantics/build.ts';

// Small alphabets so that generated rules and requests actually meet.
const word = fc.constantFrom('', '*', 'a', 'b', 'pods', 'log', 'apps', 'alice', 'get');
const words = fc.array(word, { maxLength: 3 });
const resourceSpec = fc.constantFrom('*', 'pods', 'pods/log', 'pods/*', '*/log', '*/*', 'a', 'a/b', 'pods/', '/log');
const pathSpec = fc.constantFrom('*', '/', '/a', '/a*', '/a/*', '/a**', 'a', '', '/a/b');
const path = fc.constantFrom('', '/', '/a', '/a/', '/a/b', '/ab', 'a');

const ruleSpec: fc.Arbitrary<RuleSpec> = fc.record(
  {
    level: fc.constantFrom('None', 'Metadata', 'Request', 'RequestResponse', null),
    users: words,
    userGroups: words,
    verbs: words,
    namespaces: words,
    nonResourceURLs: fc.array(pathSpec, { maxLength: 2 }),
    resources: fc.array(fc.record({ group: word, resources: fc.array(resourceSpec, { maxLength: 2 }), resourceNames: words }), { maxLength: 2 }),
    omitStages: fc.subarray([...STAGES]),
    omitManagedFields: fc.option(fc.boolean(), { nil: undefined }),
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

const version = fc.record({ major: fc.constant(1 as const), minor: fc.integer({ min: 19, max: 36 }) });

test('firstMatch, evaluate and ruleVerdict agree with ruleMatches', () => {
  fc.assert(
    fc.property(fc.array(ruleSpec, { maxLength: 5 }), request, version, (rules, req, v) => {
      const policy = policyOf({ rules });
      const attrs = attributesOf(req);
      const e = evaluate(policy, attrs, v);
      const expected = policy.rules.find((r) => ruleMatches(r, attrs, v))?.index ?? null;
      assert.equal(firstMatch(policy, attrs, v), expected);
      assert.equal(e.rule, expected);
      for (const verdict of e.trace) {
        const rule = policy.rules[verdict.rule];
        assert.ok(rule);
        assert.equal(verdict.matched, ruleMatches(rule, attrs, v));
        assert.deepEqual(ruleVerdict(rule, attrs, v), verdict);
        assert.equal(verdict.matched, verdict.field === null && rule.level !== null);
      }
    }),
    { numRuns: 3000 },
  );
});

test('resourceMatches is the checker\'s definition (exact, "*", "*/sub", "res/*")', () => {
  fc.assert(
    fc.property(resourceSpec, word, word, (spec, resource, sub) => {
      const combined = sub === '' ? resource : `${resource}/${sub}`;
      const expected =
        spec === combined || spec === '*' || (sub !== '' && spec.startsWith('*/') && spec.slice(2) === sub) || (spec.endsWith('/*') && spec.slice(0, -2) === resource);
      assert.equal(resourceMatches(spec, resource, sub), expected);
    }),
  );
});

test('pathMatches is the checker\'s definition ("*", exact, TrimRight "*" prefix)', () => {
  fc.assert(
    fc.property(fc.oneof(pathSpec, fc.string()), fc.oneof(path, fc.string()), (spec, p) => {
      const expected = spec === '*' || spec === p || (spec.endsWith('*') && p.startsWith(spec.replace(/\*+$/, '')));
      assert.equal(pathMatches(p, spec), expected);
    }),
  );
});

test('request parsing never throws on arbitrary text', () => {
  const urlish = fc.stringMatching(/^(\/[a-z%.?=&;+*,\\!()<>2FZ0-9 -]{0,12}){0,6}$/);
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), urlish.map((u) => `GET ${u}`)), (line) => {
      const r = parseRequestLine(line);
      assert.equal(typeof r.ok, 'boolean');
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.constantFrom('GET', 'get', 'DELETE', 'POST', 'X'), urlish, (method, url) => {
      assert.equal(typeof requestInfo(method, url).ok, 'boolean');
    }),
    { numRuns: 3000 },
  );
});

test('eventToAttributes never throws on arbitrary JSON', () => {
  const event = fc.record(
    { kind: fc.anything(), apiVersion: fc.anything(), verb: fc.anything(), user: fc.anything(), objectRef: fc.anything(), requestURI: fc.anything() },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), event), (value) => {
      const r = eventToAttributes(value);
      assert.ok(r.ok || r.error.length > 0);
    }),
    { numRuns: 3000 },
  );
});
