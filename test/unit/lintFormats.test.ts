// The lint reporters on fixed report entries: text (colour only when asked, 1-based positions,
// summary), json (the contract array), sarif (levels and related locations).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonReporter } from '../../server/src/cli/formats/json.ts';
import type { LintedFile } from '../../server/src/cli/formats/lintReport.ts';
import { sarifReporter } from '../../server/src/cli/formats/sarif.ts';
import { textReporter } from '../../server/src/cli/formats/text.ts';

const range = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 4 } });
const A_TEXT = 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: None\n  level: Metadata\n- level: None\n';
const FILES: readonly LintedFile[] = [
  {
    file: 'a.yaml',
    text: A_TEXT,
    suppressed: [],
    fixable: 0,
    entries: [
      { entry: { file: 'a.yaml', range: range(0, 12), severity: 'error', code: 'unsupported-api-version', message: 'm1', detail: null, rule: null }, related: [] },
      { entry: { file: 'a.yaml', range: range(4, 2), severity: 'warning', code: 'duplicate-key', message: 'm2', detail: null, rule: 0 }, related: [{ range: range(3, 2), message: 'first "level" (ignored)' }] },
      { entry: { file: 'a.yaml', range: range(5, 2), severity: 'hint', code: 'partial-overlap', message: 'm3', detail: null, rule: 1 }, related: [] },
    ],
  },
  { file: 'b.yaml', text: '', entries: [], suppressed: [], fixable: 0 },
];

test('text: 1-based file:line:col, a code frame, related locations indented, a summary', () => {
  assert.equal(
    textReporter(FILES, { color: false }),
    [
      'a.yaml:1:13: error unsupported-api-version: m1',
      '1 | apiVersion: audit.k8s.io/v1beta1',
      '  |             ^^^^',
      'a.yaml:5:3: warning duplicate-key: m2',
      '5 |   level: Metadata',
      '  |   ^^^^',
      '    a.yaml:4:3: first "level" (ignored)',
      'a.yaml:6:3: hint partial-overlap: m3',
      '6 | - level: None',
      '  |   ^^^^',
      '',
      '1 error, 1 warning, 1 hint in 2 files.',
      '',
    ].join('\n'),
  );
});

test('text: colour codes only when asked', () => {
  const out = textReporter(FILES, { color: true });
  assert.match(out, /\u001b\[31merror\u001b\[0m/);
  assert.match(out, /\u001b\[33mwarning\u001b\[0m/);
  assert.doesNotMatch(textReporter(FILES, { color: false }), /\u001b/);
});

test('text: no findings', () => assert.equal(textReporter([{ file: 'b.yaml', text: '', entries: [], suppressed: [], fixable: 0 }], { color: false }), 'No problems found in 1 file.\n'));

test('json: the contract array, files in order', () => {
  const out = JSON.parse(jsonReporter(FILES, { color: false })) as unknown[];
  assert.deepEqual(out, FILES.flatMap((f) => f.entries.map((e) => e.entry)));
});

test('sarif: hint and information are notes; related locations keep their message', () => {
  const log = JSON.parse(sarifReporter(FILES, { color: false })) as { runs: { results: { level: string; relatedLocations?: { message: { text: string }; physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  const results = log.runs[0]?.results ?? [];
  assert.deepEqual(results.map((r) => r.level), ['error', 'warning', 'note']);
  assert.deepEqual(results[1]?.relatedLocations?.map((r) => [r.message.text, r.physicalLocation.region.startLine]), [['first "level" (ignored)', 4]]);
});
