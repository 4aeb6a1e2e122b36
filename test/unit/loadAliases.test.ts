// Aliases as kube-apiserver's YAML decoder (gopkg.in/yaml.v2 through sigs.k8s.io/yaml) expands
// them, without the cost issue 15 found: each alias is resolved once (the yaml library's resolve
// walks the whole document per alias: 5,000 `verbs: [*a]` took 35 s), the value of an anchor is
// converted once, and a document that is mostly alias expansion is refused as yaml.v2 refuses it
// ("document contains excessive aliasing"; 641 bytes of nested aliases took 11-21 s and 470 MB).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Alias, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { parseFirstDocument } from '../../server/src/core/load/parseFirstDocument.ts';
import { aliasedUsersAndGroups, nestedAliases, undefinedAliases } from '../../scripts/bench/hostilePolicies.ts';

const V = LATEST_KUBERNETES_VERSION;
const excessive = (text: string): boolean => parseFirstDocument(text).findings.some((f) => f.code === 'yaml-syntax' && f.message.includes('excessive aliasing'));

/** Counts calls of the yaml library's Alias.resolve (a walk of the whole document each) while `run` runs. */
function resolveCalls(run: () => void): number {
  const original = Alias.prototype.resolve;
  let calls = 0;
  Alias.prototype.resolve = function (this: Alias, ...args: Parameters<Alias['resolve']>) {
    calls++;
    return original.apply(this, args);
  };
  try {
    run();
  } finally {
    Alias.prototype.resolve = original;
  }
  return calls;
}

test('aliases are resolved in one walk of the document, not one walk per alias', () => {
  assert.equal(resolveCalls(() => loadPolicy(undefinedAliases(2000), V)), 0);
  assert.equal(resolveCalls(() => loadPolicy(aliasedUsersAndGroups(), V)), 0);
});

test('every alias of an undefined anchor is reported where it is written', () => {
  const text = undefinedAliases(5000);
  const unknown = loadPolicy(text, V).findings.filter((f) => f.message.includes("unknown anchor 'a' referenced"));
  assert.equal(unknown.length, 5000);
  for (const f of unknown) assert.equal(text.slice(f.span.start, f.span.end), '*a');
});

test('aliases that only repeat lists load in full, each copy where its alias is', () => {
  const { policy, findings } = loadPolicy(aliasedUsersAndGroups(), V);
  assert.ok(!findings.some((f) => f.code === 'yaml-syntax'), findings.map((f) => f.message).join('\n'));
  assert.deepEqual(
    policy.rules.map((r) => [r.users.length, r.userGroups.length, r.users[1999]]),
    [
      [2000, 2000, 'u1999'],
      [2000, 2000, 'u1999'],
    ],
  );
});

test('a billion laughs is refused for excessive aliasing, the rest of the file still read', () => {
  for (const text of [nestedAliases(9, 9), nestedAliases(4, 9), nestedAliases(30, 2)]) {
    const { policy, findings } = loadPolicy(text, V);
    const refused = findings.filter((f) => f.code === 'yaml-syntax' && f.message.includes('excessive aliasing'));
    assert.equal(refused.length, 1);
    assert.equal(policy.rules.length, 1);
    assert.equal(policy.rules[0]?.level, 'Metadata');
  }
});

test('an alias read as null after a syntax error about it gets that error only, not findings about a null', () => {
  const ten = (x: string): string => `[${Array(10).fill(x).join(',')}]`;
  const bomb = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    `a: &a ${ten('"x"')}`,
    ...['b', 'c', 'd', 'e', 'f'].map((k, i) => `${k}: &${k} ${ten(`*${'abcde'[i]}`)}`),
    'rules: [*f]',
    '',
  ].join('\n');
  const cases: [string, string][] = [
    [bomb, 'excessive aliasing'],
    ['apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- *nowhere\n- level: Metadata\n', 'unknown anchor'],
    ['apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: *nope\n  verbs: ["get"]\n- level: Metadata\n', 'unknown anchor'],
  ];
  for (const [text, error] of cases) {
    const { findings } = loadPolicy(text, V);
    const syntax = findings.filter((f) => f.code === 'yaml-syntax');
    assert.ok(syntax.some((f) => f.message.includes(error)), text);
    const aliasAt = syntax.find((f) => f.message.includes(error))!.span;
    const about = findings.filter((f) => f.code !== 'yaml-syntax' && f.span.start >= text.lastIndexOf('*') && f.span.start < text.indexOf('\n', text.lastIndexOf('*')));
    assert.deepEqual(about.map((f) => `${f.code}: ${f.message}`), [], `${text}\n(error at ${aliasAt.start})`);
  }
  // What is read around them is still checked: an unknown field beside the unread level.
  const beside = loadPolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: *nope\n  verb: ["get"]\n', V).findings;
  assert.ok(beside.some((f) => f.code === 'unknown-field'));
});

// yaml.v2 decode.go, written out independently of the loader: every node decoded counts, and those
// decoded while an alias is expanded count as aliased; after each, too many aliased ones fail.
function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000);
}

/** Whether yaml.v2 refuses the first document, decoding it as decode.go does with aliases expanded in full. */
function yamlV2Refuses(doc: Document.Parsed): boolean {
  let decoded = 1;
  let aliased = 0;
  let depth = 0;
  const unmarshal = (node: unknown): boolean => {
    decoded++;
    if (depth > 0) aliased++;
    if (aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded)) return true;
    if (isAlias(node)) {
      depth++;
      const refused = unmarshal(node.resolve(doc));
      depth--;
      return refused;
    }
    if (isSeq(node)) return node.items.some(unmarshal);
    if (!isMap(node)) return false;
    return node.items.some((pair) => {
      if (!(isScalar(pair.key) && pair.key.source === '<<')) return unmarshal(pair.key) || unmarshal(pair.value);
      // A merge decodes each mapping of a list, the last first, and not the list itself.
      return isSeq(pair.value) ? [...pair.value.items].reverse().some(unmarshal) : unmarshal(pair.value);
    });
  };
  return unmarshal(doc.contents);
}

/** Random documents of anchored lists and mappings whose items alias earlier anchors, with merges. */
const aliasDocuments = fc
  .array(
    fc.record({
      map: fc.boolean(),
      items: fc.array(fc.oneof({ arbitrary: fc.constant(-1), weight: 1 }, { arbitrary: fc.nat(30), weight: 3 }), { minLength: 1, maxLength: 9 }),
      merge: fc.array(fc.nat(30), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((anchors) => {
    const maps: number[] = [];
    const lines = anchors.map((a, i) => {
      // Mostly the latest anchors, so that copies of copies pile up.
      const item = (k: number): string => (k < 0 || i === 0 ? 'x' : `*a${i - 1 - (k % Math.min(i, 3))}`);
      if (!a.map) return `k${i}: &a${i} [${a.items.map(item).join(', ')}]`;
      const merged = maps.length > 0 ? a.merge.map((k) => `*a${maps[k % maps.length]}`) : [];
      maps.push(i);
      const merge = merged.length === 0 ? '' : `<<: ${merged.length === 1 ? merged[0] : `[${merged.join(', ')}]`}, `;
      return `k${i}: &a${i} {${merge}${a.items.map((k, j) => `f${j}: ${item(k)}`).join(', ')}}`;
    });
    return `${lines.join('\n')}\nall: [${anchors.map((_, i) => `*a${i}`).join(', ')}]\n`;
  });

test('a document is refused for its aliases exactly when yaml.v2 refuses it', () => {
  let refused = 0;
  fc.assert(
    fc.property(aliasDocuments, (text) => {
      const [doc] = parseAllDocuments(text, { uniqueKeys: false }) as Document.Parsed[];
      assert.ok(doc && doc.errors.length === 0, text);
      const expected = yamlV2Refuses(doc);
      if (expected) refused++;
      assert.equal(excessive(text), expected, text);
    }),
    { numRuns: 300, seed: 15 },
  );
  // Both answers occur, so the comparison says something about the threshold.
  assert.ok(refused > 20 && refused < 280, `${refused} of 300 refused`);
});
