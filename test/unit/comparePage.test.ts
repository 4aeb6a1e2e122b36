// Compare with…'s rendered page: the server's real answer for a policy and a baseline goes through
// comparePage -> mount on a fake document. What a person reads: equivalence said plainly; the
// changes grouped by kind as the CLI groups them, each with its requests, outcomes, rules, security
// flag, witness, and Explain / Go to rule buttons carrying the change's index; hostile strings as
// text; no Markdown syntax; the waiting and failing states.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMPARE_ACTIONS, comparePage, type CompareModel } from '../../client/src/webview/comparePage.ts';
import { mount } from '../../client/src/webview/view/dom.ts';
import { lint } from '../../server/src/core/lint.ts';
import { LineIndex } from '../../server/src/core/span.ts';
import { comparePolicies } from '../../server/src/lsp/comparePolicies.ts';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.ts';
import type { ComparePoliciesResult } from '../../server/src/protocol.ts';
import { all, fakeDocument, FakeElement, textOf, walk } from './fakeDom.ts';

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: None
  users: ["system:kube-proxy"]
  verbs: ["watch"]
- level: Metadata
  resources:
  - group: ""
    resources: ["secrets", "configmaps"]
- level: RequestResponse
  resources:
  - group: rbac.authorization.k8s.io
- level: Metadata
`;

function compared(text: string, baseline: string): ComparePoliciesResult {
  const doc = { uri: 'file:///ws/audit-policy.yaml', version: 4, text, lines: new LineIndex(text), settings: DEFAULT_SETTINGS, lint: lint(text, { kubernetesVersion: DEFAULT_SETTINGS.kubernetesVersion }) };
  return comparePolicies(doc, { textDocument: { uri: doc.uri }, baseline });
}

function page(m: Partial<CompareModel> & Pick<CompareModel, 'result'>): FakeElement {
  const root = mount(fakeDocument, comparePage({ policy: 'audit-policy.yaml', baseline: 'the saved version', busy: false, ...m }));
  assert.ok(root instanceof FakeElement);
  return root;
}

const byClass = (root: FakeElement, c: string): FakeElement[] => all(root, (e) => (e.attrs.get('class') ?? '').split(' ').includes(c));

test('equivalent policies: said plainly, nothing else to read', () => {
  const reordered = POLICY.replace('resources: ["secrets", "configmaps"]', 'resources: ["configmaps", "secrets"]');
  const root = page({ result: compared(reordered, POLICY) });
  assert.equal(textOf(all(root, (e) => e.tag === 'h1')[0]!), 'audit-policy.yaml as typed vs the saved version');
  const outcome = byClass(root, 'outcome')[0]!;
  assert.equal(outcome.attrs.get('data-equivalent'), 'true');
  assert.match(textOf(outcome), /^EquivalentEvery request gets the same outcome under both/);
  assert.deepEqual(byClass(root, 'change'), []);
});

test('changes grouped by kind as the CLI groups them, each with requests, outcomes, rules, witness and buttons', () => {
  // rule 1 stops logging; rbac is logged less (security); the catch-all moves up one level
  const edited = POLICY.replace('- level: Metadata\n  resources:\n  - group: ""', '- level: None\n  resources:\n  - group: ""').replace('- level: RequestResponse', '- level: Metadata');
  const result = compared(edited, POLICY);
  assert.ok(result.ok && !result.equivalent);
  const root = page({ result });
  assert.match(textOf(byClass(root, 'outcome')[0]!), /^2 changes \(1 newly dropped, 1 less logged\)\.⚠ 1 security-relevant$/);
  const sections = all(root, (e) => e.tag === 'section');
  assert.deepEqual(
    sections.map((s) => [s.attrs.get('data-kind'), textOf(all(s, (e) => e.tag === 'h2')[0]!)]),
    [
      ['newly-dropped', 'Newly dropped (1)'],
      ['less-logged', 'Less logged (1)'],
    ],
  );
  const [dropped, less] = byClass(root, 'change');
  assert.match(textOf(dropped!), /^any verb on core secrets or configmaps/);
  assert.match(textOf(byClass(dropped!, 'effect')[0]!), /^Metadata \(omitting RequestReceived\) → not logged \(old rule 1 → new rule 1\)$/);
  assert.match(textOf(byClass(dropped!, 'witness')[0]!), /^For example: GET \/api\/v1\/namespaces\/\S+\/(secrets|configmaps)/);
  assert.equal(dropped!.attrs.get('class'), 'change');
  assert.equal(less!.attrs.get('class'), 'change security');
  assert.match(textOf(less!), /⚠ Security: /);
  assert.match(textOf(less!), /level RequestResponse → Metadata/);
  // each change's buttons carry its index in `changes`; Go to rule names the new rule
  const kinds = ['newly-dropped', 'less-logged'];
  for (const [i, li] of [dropped!, less!].entries()) {
    const index: string = String(result.changes.findIndex((c) => c.kind === kinds[i]));
    assert.equal(li.attrs.get('data-change'), index);
    const buttons = all(li, (e) => e.tag === 'button').map((b) => [b.attrs.get('data-action'), b.attrs.get('data-change'), textOf(b)]);
    const rule: number | null | undefined = result.changes[Number(index)]?.after.rule;
    assert.deepEqual(buttons, [
      [COMPARE_ACTIONS.explain, index, 'Explain'],
      [COMPARE_ACTIONS.reveal, index, `Go to rule ${rule}`],
    ]);
  }
  assert.doesNotMatch(textOf(root), /\*\*|`|\| --- \|/, 'no Markdown syntax');
});

test('waiting, a newer comparison running, and a comparison that failed', () => {
  assert.match(textOf(page({ result: null })), /Comparing…$/);
  const busy = page({ result: compared(POLICY, POLICY), busy: true });
  assert.equal(textOf(byClass(busy, 'busy')[0]!), 'Comparing the latest edit…');
  const failed = page({ result: { ok: false, message: 'The comparison is too costly to decide in the editor.' } });
  assert.equal(textOf(byClass(failed, 'warn')[0]!), 'The comparison is too costly to decide in the editor.');
  const refused = page({ result: compared(POLICY, POLICY.replace('audit.k8s.io/v1', 'audit.k8s.io/v1beta1')) });
  assert.match(textOf(byClass(refused, 'notes')[0]!), /^The baseline has 1 error: kube-apiserver 1\.\d+ would refuse it/);
});

test('names from the policy and the baseline are text with break points, never markup', () => {
  const user = '<img src=x onerror=alert(1)>:system:serviceaccount:ns:x';
  const withUser = POLICY.replace('- level: None\n  users: ["system:kube-proxy"]', `- level: None\n  users: ["${user}"]`);
  const root = page({ result: compared(withUser, POLICY), baseline: 'old/<b>policy</b>.yaml' });
  const tags = new Set<string>();
  walk(root, (n) => {
    if (n instanceof FakeElement) tags.add(n.tag);
  });
  for (const tag of ['img', 'b', 'script']) assert.ok(!tags.has(tag), tag);
  assert.ok(textOf(root).includes(user));
  assert.match(textOf(all(root, (e) => e.tag === 'h1')[0]!), /vs old\/<b>policy<\/b>\.yaml$/);
});
