// Golden lint output (the contract's JSON) for every corpus policy, rewritten with UPDATE_GOLDENS=1;
// other checks landing change these files, which is expected. Then the real mistakes listed in
// test/fixtures/corpus/NOTES.md that loading and validation must find, and the rule that error
// severity means exactly "kube-apiserver refuses the file".
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../server/src/core/findings.ts';
import { LATEST_KUBERNETES_VERSION, type KubernetesVersion } from '../../server/src/core/kubernetesVersion.ts';
import { lint } from '../../server/src/core/lint.ts';
import { reportEntry } from '../../server/src/core/report.ts';
import { LineIndex } from '../../server/src/core/span.ts';

const POLICIES = join(__dirname, '..', 'fixtures', 'corpus', 'policies');
const GOLDEN = join(__dirname, '..', 'fixtures', 'golden', 'lint');
const NAMES = readdirSync(POLICIES).filter((f) => f.endsWith('.yaml')).sort();
const read = (name: string): string => readFileSync(join(POLICIES, name), 'utf8');
const findingsOf = (name: string, version: KubernetesVersion = LATEST_KUBERNETES_VERSION): readonly Finding[] => lint(read(name), { kubernetesVersion: version }).findings;
const textOf = (name: string, f: Finding): string => read(name).slice(f.span.start, f.span.end);

for (const name of NAMES) {
  test(`golden lint JSON: ${name}`, () => {
    const text = read(name);
    const lines = new LineIndex(text);
    const actual = `${JSON.stringify(findingsOf(name).map((f) => reportEntry(name, f, lines)), null, 2)}\n`;
    const file = join(GOLDEN, name.replace(/\.yaml$/, '.json'));
    if (process.env.UPDATE_GOLDENS === '1') {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, actual);
    }
    assert.equal(actual, readFileSync(file, 'utf8'), `${name}: run with UPDATE_GOLDENS=1 to accept the new output`);
  });
}

const V1BETA1 = ['ack-default-v1beta1.yaml', 'eks-anywhere-v1beta1.yaml', 'falco-example-v1beta1.yaml', 'kubespray-2018-v1beta1.yaml'];
const REFUSED = [...V1BETA1, 'gce-configure-helper-2017.yaml'];

test('NOTES: v1beta1 policies are refused from 1.24 on, deprecated on 1.21-1.23', () => {
  for (const name of V1BETA1) {
    const latest = findingsOf(name).filter((f) => f.code === 'unsupported-api-version');
    assert.deepEqual(latest.map((f) => textOf(name, f)), ['audit.k8s.io/v1beta1'], name);
    const old = findingsOf(name, { major: 1, minor: 23 });
    assert.deepEqual(old.filter((f) => f.code === 'deprecated-api-version').length, 1, name);
    assert.ok(!old.some((f) => f.severity === 'error'), `${name} loads on 1.23`);
  }
});

test('NOTES: the resource: typo in the OpenShift profiles is an unknown field', () => {
  const expected: Record<string, number> = {
    'openshift-writerequestbodies.yaml': 1,
    'openshift-allrequestbodies.yaml': 1,
    'openshift-oauth.yaml': 1,
    'openshift-multiple-customrules.yaml': 2,
  };
  for (const [name, count] of Object.entries(expected)) {
    const typos = findingsOf(name).filter((f) => f.code === 'unknown-field');
    assert.equal(typos.length, count, name);
    for (const f of typos) {
      assert.equal(textOf(name, f), 'resource');
      assert.match(f.message, /matches every resource of its group\.$/);
      assert.match(f.detail ?? '', /^Did you mean "resources"\?/);
    }
  }
});

test('NOTES: gce-configure-helper-2017 has no apiVersion/kind and versioned groups', () => {
  const name = 'gce-configure-helper-2017.yaml';
  const f = findingsOf(name);
  assert.ok(f.some((x) => x.code === 'missing-api-version' && x.severity === 'error'));
  assert.ok(f.some((x) => x.code === 'missing-kind'));
  const groups = f.filter((x) => x.code === 'invalid-group').map((x) => textOf(name, x).replace(/"/g, ''));
  const versioned = ['admissionregistration.k8s.io/v1alpha1', 'apps/v1beta1', 'certificates.k8s.io/v1beta1', 'extensions/v1beta1', 'networking.k8s.io/v1', 'policy/v1beta1', 'settings.k8s.io/v1alpha1'];
  assert.deepEqual(groups, [...versioned, ...versioned], 'both "known APIs" rules');
  assert.ok(f.filter((x) => x.code === 'invalid-group').every((x) => x.message.includes('is a group/version, so kube-apiserver refuses the file')));
});

test('NOTES: unusual but valid shapes load without loader findings', () => {
  const loaderCodes = new Set(['yaml-syntax', 'invalid-type', 'unknown-field', 'duplicate-key', 'invalid-level', 'invalid-stage', 'missing-kind', 'multiple-documents']);
  // capitalised True, 4-space indentation, `- {}`, `resources: ` with a trailing space, metadata: {creationTimestamp: null}, comments between keys.
  for (const name of ['kube-apiserver-audit-exporter.yaml', 'openshift-default.yaml', 'eks-anywhere-v1-marshalled.yaml', 'gce-configure-helper.yaml', 'rke2-default.yaml', 'gardener-apiserver-2019.yaml', 'tanzu-tkg.yaml']) {
    assert.deepEqual(findingsOf(name).filter((f) => loaderCodes.has(f.code)).map((f) => f.message), [], name);
  }
  const exporter = lint(read('kube-apiserver-audit-exporter.yaml'), { kubernetesVersion: LATEST_KUBERNETES_VERSION }).policy;
  assert.equal(exporter.omitManagedFields, true);
});

test('error severity exactly for the files kube-apiserver refuses', () => {
  for (const name of NAMES) {
    const errors = findingsOf(name).filter((f) => f.severity === 'error');
    assert.equal(errors.length > 0, REFUSED.includes(name), `${name}: ${errors.map((f) => f.code).join(', ')}`);
  }
});
