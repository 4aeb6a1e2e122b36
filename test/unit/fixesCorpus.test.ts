// Every quick fix offered on the 27 real policies of the corpus: each applied fix removes a finding
// of its code and breaks nothing; the list of fixes per file is a golden (what a user is offered),
// and the fixes for the mistakes NOTES.md lists are goldens of the edited text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Code } from '../../server/src/core/codes.ts';
import { applyEdits } from '../../server/src/core/fixes/applyEdits.ts';
import { fixesFor } from '../../server/src/core/fixes/fixesFor.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import { applyFixes, assertFixWorks, assertGolden, renderGolden } from './fixesHarness.ts';

const DIR = join(__dirname, '../fixtures/corpus/policies');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

for (const file of files) {
  test(`corpus fixes: ${file}`, () => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const kubernetesVersion = LATEST_KUBERNETES_VERSION;
    const { policy, findings } = lint(text, { kubernetesVersion });
    const lines = new LineIndex(text);
    const offered: string[] = [];
    for (const { finding, fixes } of fixesFor({ text, policy, findings, kubernetesVersion })) {
      for (const fix of fixes) {
        offered.push(`${lines.position(finding.span.start).line + 1}: ${finding.code}: ${fix.title}`);
        assertFixWorks(text, finding.code, { fix, result: applyEdits(text, fix.edits) });
      }
    }
    assertGolden(`corpus/${file.replace(/\.yaml$/, '')}.offered.txt`, offered.join('\n') + '\n');
  });
}

/** The mistakes NOTES.md found by hand, and the fix each gets. */
const NOTED: readonly (readonly [string, Code])[] = [
  ['falco-example-v1beta1.yaml', 'resource-in-wrong-group'],
  ['falco-example-v1beta1.yaml', 'unsupported-api-version'],
  ['gce-configure-helper-2017.yaml', 'missing-api-version'],
  ['gce-configure-helper-2017.yaml', 'invalid-group'],
  ['openshift-writerequestbodies.yaml', 'unknown-field'],
  ['openshift-multiple-customrules.yaml', 'unknown-field'],
  ['aks-engine.yaml', 'sensitive-resource-body'],
  ['openshift-default.yaml', 'redundant-omit-stage'],
  ['charmed-kubernetes.yaml', 'sensitive-resource-body'],
  ['perfspec-dataset.yaml', 'redundant-omit-stage'],
];

for (const [file, code] of NOTED) {
  test(`corpus fix ${code}: ${file}`, () => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const applied = applyFixes(text, code);
    if (applied.length === 0) throw new Error(`no ${code} fix offered for ${file}`);
    assertGolden(`corpus/${file.replace(/\.yaml$/, '')}.${code}.txt`, renderGolden(applied));
  });
}
