// A rule with 100,000 unknown keys (1.5 MB) froze every command and the language server (issue 15):
// each unknown-field finding looked its mapping up from the start. Now every entry of a mapping is
// read a bounded number of times, however many findings it has: counted through a proxy here, as
// timings have no place in unit tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkShape } from '../../server/src/core/load/checkShape.ts';
import { parseFirstDocument } from '../../server/src/core/load/parseFirstDocument.ts';
import type { YEntry, YObject, YValue } from '../../server/src/core/load/yamlValue.ts';
import { buildPolicy } from '../../server/src/core/load/buildPolicy.ts';
import { unknownKeys } from '../../scripts/bench/hostilePolicies.ts';

/** The document with its rule's entries behind a proxy that counts the entries read. */
function counted(n: number): { root: YValue; reads: () => number } {
  const doc = parseFirstDocument(unknownKeys(n));
  const root = doc.value as YObject;
  let reads = 0;
  const withRule = (rule: YObject): YObject => {
    const entries = new Proxy(rule.entries as YEntry[], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { ...rule, entries };
  };
  const entries = root.entries.map((e) => {
    if (e.key !== 'rules' || e.value.kind !== 'array') return e;
    return { ...e, value: { ...e.value, items: e.value.items.map((r) => (r.kind === 'object' ? withRule(r) : r)) } };
  });
  return { root: { ...root, entries }, reads: () => reads };
}

test('unknown fields are found reading each entry of the mapping a bounded number of times', () => {
  const n = 5000;
  const { root, reads } = counted(n);
  const findings = checkShape(root);
  assert.equal(findings.filter((f) => f.code === 'unknown-field').length, n);
  buildPolicy(root, root.span);
  assert.ok(reads() < 30 * n, `${reads()} reads of ${n + 1} entries`);
});
