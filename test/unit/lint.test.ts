// The lint pipeline: severity overrides, suppression comments, ordering, and the contract's report
// entry (0-based UTF-16 positions).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { lint, type SeverityOverrides } from '../../server/src/core/lint.ts';
import { relatedInformation, reportEntry } from '../../server/src/core/report.ts';
import { LineIndex } from '../../server/src/core/span.ts';

const H = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';
// Rule 0 has an unknown field and an invalid group; rule 1 an unknown field.
const TWO_RULES = `${H}rules:\n- level: None\n  verb: [get]\n  resources: [{group: apps/v1}]\n- level: Metadata\n  user: [x]\n`;

interface LintCase {
  readonly name: string;
  readonly yaml: string;
  readonly severities?: SeverityOverrides;
  /** [code, severity, rule] in output order. */
  readonly expect: readonly (readonly [string, string, number | null])[];
}

const CASES: readonly LintCase[] = [
  { name: 'defaults, sorted by position', yaml: TWO_RULES, expect: [['unknown-field', 'warning', 0], ['invalid-group', 'error', 0], ['unknown-field', 'warning', 1]] },
  { name: 'override to error and off', yaml: TWO_RULES, severities: { 'unknown-field': 'error', 'invalid-group': 'off' }, expect: [['unknown-field', 'error', 0], ['unknown-field', 'error', 1]] },
  { name: 'override to hint', yaml: TWO_RULES, severities: { 'invalid-group': 'hint' }, expect: [['unknown-field', 'warning', 0], ['invalid-group', 'hint', 0], ['unknown-field', 'warning', 1]] },
  {
    name: 'a directive with one code silences it on the next rule only',
    yaml: `${H}rules:\n# kube-audit-policy-disable unknown-field\n- level: None\n  verb: [get]\n  resources: [{group: apps/v1}]\n- level: Metadata\n  user: [x]\n`,
    expect: [['invalid-group', 'error', 0], ['unknown-field', 'warning', 1]],
  },
  {
    name: 'a directive with several codes, on one of several comment lines',
    yaml: `${H}rules:\n# kube-audit-policy-disable unknown-field, invalid-group\n# why: legacy\n- level: None\n  verb: [get]\n  resources: [{group: apps/v1}]\n`,
    expect: [],
  },
  {
    name: 'a bare directive silences every code of the rule',
    yaml: `${H}rules:\n- level: None\n  verb: [get]\n  # kube-audit-policy-disable\n- level: Metadata\n  user: [x]\n  resources: [{group: apps/v1}]\n`,
    expect: [['unknown-field', 'warning', 0]],
  },
  {
    name: 'a directive separated from the rule by a blank line does not apply',
    yaml: `${H}rules:\n# kube-audit-policy-disable\n\n- level: None\n  verb: [get]\n`,
    expect: [['unknown-field', 'warning', 0]],
  },
  {
    name: 'policy-level findings are not silenced by rule directives',
    yaml: `apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n# kube-audit-policy-disable\n- level: None\n`,
    expect: [['unsupported-api-version', 'error', null]],
  },
];

function check(c: LintCase): void {
  const r = lint(c.yaml, { kubernetesVersion: LATEST_KUBERNETES_VERSION, ...(c.severities ? { severities: c.severities } : {}) });
  // Only the codes this pipeline is about: other engineers' checks may add catalog or practice findings.
  const mine = new Set(c.expect.map(([code]) => code).concat(Object.keys(c.severities ?? {}), ['unknown-field', 'invalid-group', 'unsupported-api-version']));
  const actual = r.findings.filter((f) => mine.has(f.code)).map((f) => [f.code, f.severity, f.rule]);
  assert.deepEqual(actual, c.expect, c.name);
  const starts = r.findings.map((f) => f.span.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'sorted by position');
}

for (const c of CASES) test(c.name, () => check(c));

test('the report entry has exactly the contract fields, 0-based UTF-16 positions', () => {
  // "é" is one UTF-16 unit, "😀" two: "verb" starts at character 32 of line 3.
  const text = `${H}rules:\n- {level: None, users: ["é😀"], verb: [get]}\n`;
  const r = lint(text, { kubernetesVersion: LATEST_KUBERNETES_VERSION });
  const f = r.findings.find((x) => x.code === 'unknown-field');
  assert.ok(f);
  const entry = reportEntry('p.yaml', f, new LineIndex(text));
  assert.deepEqual(Object.keys(entry).sort(), ['code', 'detail', 'file', 'message', 'range', 'rule', 'severity']);
  assert.deepEqual(entry.range, { start: { line: 3, character: 32 }, end: { line: 3, character: 36 } });
  assert.equal(entry.rule, 0);
});

test('related locations are reported separately from the contract entry', () => {
  const text = `${H}rules:\n- level: None\n  level: Metadata\n`;
  const f = lint(text, { kubernetesVersion: LATEST_KUBERNETES_VERSION }).findings.find((x) => x.code === 'duplicate-key');
  assert.ok(f);
  assert.deepEqual(relatedInformation(f, new LineIndex(text)), [{ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 7 } }, message: '"level" set here first (overridden)' }]);
});

test('suppression comments work with CRLF line ends', () => {
  const text = `${H}rules:\r\n# kube-audit-policy-disable unknown-field\r\n- level: None\r\n  verb: [get]\r\n`.replace(/(?<!\r)\n/g, '\r\n');
  const r = lint(text, { kubernetesVersion: LATEST_KUBERNETES_VERSION });
  assert.deepEqual(r.findings.filter((f) => f.code === 'unknown-field'), []);
  const without = lint(text.replace('# kube-audit-policy-disable unknown-field\r\n', ''), { kubernetesVersion: LATEST_KUBERNETES_VERSION });
  assert.equal(without.findings.filter((f) => f.code === 'unknown-field').length, 1);
});
