// What the language server publishes for a file with 100,000 unknown keys: the first 1,000 findings
// of that code and one that counts the rest, instead of 100,000 diagnostics.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capFindings, MAX_FINDINGS_PER_CODE, MAX_RELATED } from '../../server/src/core/capFindings.ts';
import { finding, type Finding } from '../../server/src/core/findings.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';
import { unknownKeys } from '../../scripts/bench/hostilePolicies.ts';

test('beyond the cap, one finding of the code says how many more there are, from where', () => {
  const n = 2500;
  const { findings } = lint(unknownKeys(n), { kubernetesVersion: LATEST_KUBERNETES_VERSION });
  const capped = capFindings(findings);
  const unknown = capped.filter((f) => f.code === 'unknown-field');
  assert.equal(unknown.length, MAX_FINDINGS_PER_CODE + 1);
  assert.deepEqual(unknown.slice(0, MAX_FINDINGS_PER_CODE), findings.filter((f) => f.code === 'unknown-field').slice(0, MAX_FINDINGS_PER_CODE));
  const count = unknown[MAX_FINDINGS_PER_CODE] as Finding;
  assert.equal(count.message, '1,500 more unknown-field findings are not shown, from here on (the first 1,000 are); `kube-audit-policy lint` lists them all.');
  assert.deepEqual(count.span, findings.filter((f) => f.code === 'unknown-field')[MAX_FINDINGS_PER_CODE]?.span);
  // Other codes are untouched.
  assert.deepEqual(
    capped.filter((f) => f.code !== 'unknown-field'),
    findings.filter((f) => f.code !== 'unknown-field'),
  );
});

test('findings under the cap pass unchanged; related locations are capped too', () => {
  const span = { start: 0, end: 1 };
  const few = [finding('no-rules', 'x', span, null), finding('no-rules', 'y', span, null)];
  assert.deepEqual(capFindings(few), few);
  const related = Array.from({ length: MAX_RELATED + 50 }, (_, i) => ({ span: { start: i, end: i + 1 }, message: `rule ${i}` }));
  const [one] = capFindings([finding('catch-all-not-last', 'z', span, null, { related })]);
  assert.equal(one?.related?.length, MAX_RELATED + 1);
  assert.deepEqual(one?.related?.[MAX_RELATED], { span: { start: MAX_RELATED, end: MAX_RELATED + 1 }, message: '…and 50 more like these from here on' });
});
