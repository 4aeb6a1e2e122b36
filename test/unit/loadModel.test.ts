// The Policy model the loader builds: values as kube-apiserver decodes them, and exact spans for
// every key, value and list item (hover, fixes and go-to-definition depend on them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import type { Span } from '../../server/src/core/span.ts';

const load = (yaml: string) => loadPolicy(yaml, LATEST_KUBERNETES_VERSION).policy;
const at = (text: string, s: Span | undefined): string | undefined => (s ? text.slice(s.start, s.end) : undefined);

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived, Bogus, Panic]
omitManagedFields: yes
rules:
  - level: RequestResponse
    users: ["alice", bob]
    verbs: [get, list]
    resources:
      - group: ""
        resources: ["pods", "pods/log"]
      - group: apps
        resources: [deployments]
        resourceNames: [web]
      - {}
    namespaces: [kube-system, ""]
    omitStages:
      - ResponseStarted
    omitManagedFields: false
  - level: None
    nonResourceURLs: ["/healthz*"]
`;

test('values are decoded as kube-apiserver holds them', () => {
  const p = load(POLICY);
  assert.equal(p.apiVersion, 'audit.k8s.io/v1');
  assert.equal(p.kind, 'Policy');
  assert.deepEqual(p.omitStages, ['RequestReceived', 'Panic']);
  assert.equal(p.omitManagedFields, true);
  const [r0, r1] = p.rules;
  assert.ok(r0 && r1);
  assert.equal(r0.index, 0);
  assert.equal(r0.level, 'RequestResponse');
  assert.deepEqual(r0.users, ['alice', 'bob']);
  assert.deepEqual(r0.verbs, ['get', 'list']);
  assert.deepEqual(r0.namespaces, ['kube-system', '']);
  assert.deepEqual(r0.omitStages, ['ResponseStarted']);
  assert.equal(r0.omitManagedFields, false);
  assert.deepEqual(
    r0.resources.map((g) => [g.group, g.resources, g.resourceNames]),
    [['', ['pods', 'pods/log'], []], ['apps', ['deployments'], ['web']], ['', [], []]],
  );
  assert.equal(r1.index, 1);
  assert.deepEqual(r1.nonResourceURLs, ['/healthz*']);
  assert.equal(r1.omitManagedFields, undefined);
});

test('spans point at keys, values and list items', () => {
  const p = load(POLICY);
  const [r0, r1] = p.rules;
  assert.ok(r0 && r1);
  assert.equal(at(POLICY, p.source.apiVersion), 'audit.k8s.io/v1');
  assert.equal(at(POLICY, p.source.kind), 'Policy');
  assert.equal(at(POLICY, p.source.rulesKey), 'rules');
  assert.equal(at(POLICY, p.source.omitStagesKey), 'omitStages');
  assert.deepEqual(p.source.omitStagesItems.map((s) => at(POLICY, s)), ['RequestReceived', 'Panic']);
  assert.equal(at(POLICY, p.source.omitManagedFieldsKey), 'omitManagedFields');
  assert.ok(at(POLICY, r0.source.span)?.startsWith('level: RequestResponse'));
  assert.ok(at(POLICY, r0.source.span)?.trimEnd().endsWith('omitManagedFields: false'));
  assert.equal(at(POLICY, r0.source.keys.level), 'level');
  assert.equal(at(POLICY, r0.source.values.level), 'RequestResponse');
  assert.equal(at(POLICY, r0.source.keys.resources), 'resources');
  assert.deepEqual(r0.source.items.users?.map((s) => at(POLICY, s)), ['"alice"', 'bob']);
  assert.deepEqual(r0.source.items.namespaces?.map((s) => at(POLICY, s)), ['kube-system', '""']);
  assert.deepEqual(r0.source.items.omitStages?.map((s) => at(POLICY, s)), ['ResponseStarted']);
  const [g0, g1, g2] = r0.resources;
  assert.ok(g0 && g1 && g2);
  assert.equal(at(POLICY, g0.source.group), '""');
  assert.deepEqual(g0.source.resources.map((s) => at(POLICY, s)), ['"pods"', '"pods/log"']);
  assert.deepEqual(g1.source.resourceNames.map((s) => at(POLICY, s)), ['web']);
  assert.equal(at(POLICY, g2.source.span), '{}');
  assert.equal(g2.source.group, undefined);
  assert.equal(at(POLICY, r1.source.values.nonResourceURLs), '["/healthz*"]');
});

test('the last of duplicate keys wins, as in the lenient decode', () => {
  const text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  verbs: [get]\n  verbs: [list]\n';
  const r = load(text).rules[0];
  assert.deepEqual(r?.verbs, ['list']);
  assert.equal(at(text, r?.source.keys.verbs), 'verbs');
  assert.equal(r?.source.keys.verbs?.start, text.lastIndexOf('verbs'));
});

test('aliases and merge keys are expanded', () => {
  const text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- &base {level: None, verbs: &v [get, watch]}\n- <<: *base\n  level: Metadata\n- level: Request\n  verbs: *v\n';
  const p = load(text);
  assert.deepEqual(p.rules.map((r) => [r.level, r.verbs]), [['None', ['get', 'watch']], ['Metadata', ['get', 'watch']], ['Request', ['get', 'watch']]]);
});

test('<< merges as yaml.v2 does: in place, overriding earlier keys; earlier list items win', () => {
  const text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nx: [&a {level: None}, &b {level: Request, verbs: [get]}]\nrules:\n- level: Metadata\n  <<: *a\n- <<: [*a, *b]\n';
  assert.deepEqual(load(text).rules.map((r) => [r.level, r.verbs]), [['None', []], ['None', ['get']]]);
});

test('every rules entry is a rule, so indexes are positions in rules', () => {
  const p = load('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [5, ~, {level: None}]\n');
  assert.deepEqual(p.rules.map((r) => [r.index, r.level]), [[0, null], [1, null], [2, 'None']]);
});

test('an alias bomb is cut off with a finding, not a hang', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 8; i++) levels.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10).fill(`*${'abcdefgh'[i - 1]}`).join(', ')}]`);
  const { findings } = loadPolicy(`${levels.join('\n')}\n`, LATEST_KUBERNETES_VERSION);
  assert.ok(findings.some((f) => f.code === 'yaml-syntax' && f.message.includes('excessive aliasing')));
});

test('deep nesting is a finding, not a stack overflow', () => {
  const { findings } = loadPolicy(`rules: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, LATEST_KUBERNETES_VERSION);
  assert.ok(findings.some((f) => f.code === 'yaml-syntax' && f.message.includes('nests too deeply')));
});

const corpusDir = join(__dirname, '..', 'fixtures', 'corpus', 'policies');
const corpus = readdirSync(corpusDir).map((f) => readFileSync(join(corpusDir, f), 'utf8'));

test('never throws, and every span lies inside the text (random edits of corpus policies)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...corpus), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 12 }), (text, a, b, insert) => {
      const start = a % (text.length + 1);
      const end = Math.min(text.length, start + (b % 40));
      const edited = text.slice(0, start) + insert + text.slice(end);
      const { policy, findings } = loadPolicy(edited, LATEST_KUBERNETES_VERSION);
      const inside = (s: Span) => s.start >= 0 && s.end <= edited.length && s.start <= s.end;
      return findings.every((f) => inside(f.span)) && policy.rules.every((r) => inside(r.source.span));
    }),
    { numRuns: 300 },
  );
});
