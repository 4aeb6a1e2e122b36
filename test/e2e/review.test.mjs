// Editor tests of reviewing a policy change (issue 13 §3) in a real VS Code (code-server + headless
// Chromium): policy test files in the Test Explorer, a failing case's expected-vs-actual diff, "Add
// as test case" from Explain Request writing the test file, and Compare with Saved showing what an
// unsaved edit changes, and the replay panel's "vs baseline" column. Every step leaves a screenshot in
// test/e2e/.shots; `E2E_README_SHOTS=$PWD/test/e2e/screenshots` also refreshes the README's
// test-explorer.png and compare-with.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { workbenchSession } from './session.mjs';
import { activeEditor, answerInput, goToLine, openFile, runCommand, shot, waitUntil } from './workbench.mjs';

const POLICY_FILE = 'policies/review-audit-policy.yaml';
const TEST_FILE = 'policies/review-audit-policy.test.yaml';
// Real names can be long: a service account (90 characters), a custom resource of 50 in a long API group.
const LONG_USER = 'system:serviceaccount:platform-observability-long-namespace:metrics-collector-long-name';
const LONG_GROUP = 'networking.platform.example.com';
const LONG_RESOURCE = 'reconciliationreportsforclusterwidenetworkpolicies';
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
- level: Request
  users: ["${LONG_USER}"]
  resources:
  - group: ${LONG_GROUP}
    resources: ["${LONG_RESOURCE}"]
- level: Metadata
`;
/** 1-based lines of the policy's rules 1 and 3 `- level:` lines (the edits below change them). */
const RULE1_LINE = POLICY.split('\n').indexOf('- level: Metadata') + 1;
const RULE3_LINE = POLICY.split('\n').indexOf('- level: Request') + 1;
const TESTS = `apiVersion: kube-audit-policy/v1alpha1
kind: PolicyTest
policy: review-audit-policy.yaml
cases:
- name: kube-proxy watches are not logged
  request: GET /api/v1/endpoints?watch=true
  user: system:kube-proxy
  groups: [system:authenticated]
  expect: {level: None, rule: 0}
- name: secret reads are logged with their bodies
  request: GET /api/v1/namespaces/default/secrets/db-password
  user: alice
  groups: [system:authenticated]
  expect: {level: RequestResponse}
- name: ${LONG_USER} lists ${LONG_RESOURCE} in every namespace
  request: GET /apis/${LONG_GROUP}/v1/${LONG_RESOURCE}
  user: ${LONG_USER}
  groups: [system:serviceaccounts, system:authenticated]
  expect: {level: Request, rule: 3}
`;

const session = workbenchSession('review', {
  prepare(ws) {
    fs.writeFileSync(path.join(ws, POLICY_FILE), POLICY);
    fs.writeFileSync(path.join(ws, TEST_FILE), TESTS);
    // The example workspace replays its log (for the replay panel's "vs baseline" column); edits stay unsaved.
    const settingsFile = path.join(ws, '.vscode/settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(settingsFile, 'utf8')), 'files.autoSave': 'off' }, null, 2));
  },
});
const withLogs = (fn) => session.withLogs(fn);
let server;
let page;
let workspace;
// The tests below use these names, set once the session is ready.
before(async () => ({ server, page, workspace } = await session.ready));

const readFile = (rel) => fs.readFileSync(path.join(workspace, rel), 'utf8');

/** Opens a file of the `policies` folder from the Explorer (Quick Open's first search is slow and racy on a busy machine). */
async function open(rel) {
  await page.keyboard.press('Control+Shift+E');
  const name = path.basename(rel);
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }).first();
  if (!(await row.isVisible())) await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^policies$/ }).first().click();
  await row.waitFor({ timeout: 20_000 });
  await openFile(page, rel);
}
const PROBE = { timeout: 2000 };
async function dragSidebarEdge(dx) {
  const box = await page.locator('[id="workbench.parts.sidebar"]').boundingBox();
  const [x, y] = [box.x + box.width - 1, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 6 });
  await page.mouse.up();
}

/**
 * The content of the visible webview holding `selector` (several can be visible: one per editor
 * group). Webviews are drawn over the workbench, outside the groups' DOM, so each is asked.
 */
async function frameWith(selector) {
  return waitUntil(`a webview with ${selector}`, async () => {
    const frames = page.locator('iframe.webview.ready');
    for (let i = 0; i < await frames.count(); i++) {
      const inner = frames.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
      if (await inner.locator(selector).count() > 0) return inner;
    }
    return false;
  }, 20_000);
}
const explainFrame = () => frameWith('.explain-page');
const compareFrame = () => frameWith('.compare-page');
const explorerRows = () => page.locator('.test-explorer-tree .monaco-list-row');
const rowTexts = async () => (await explorerRows().allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
/** The row of the Test Explorer whose label starts with `label`, once shown. */
const explorerRow = (label) => explorerRows().filter({ hasText: label }).first();

test('the Test Explorer lists the test file and each of its cases; the gutter marks them', () => withLogs(async () => {
  await open(TEST_FILE);
  await activeEditor(page).locator('.codelens-decoration', { hasText: 'Debug: explain' }).first().waitFor({ timeout: 60_000 });
  await runCommand(page, 'Testing: Focus on Test Explorer View');
  const file = explorerRow('review-audit-policy.test.yaml');
  await file.waitFor({ timeout: 30_000 });
  assert.match(await file.innerText(), /policies · tests review-audit-policy\.yaml/);
  await file.click();
  await page.keyboard.press('ArrowRight');
  const rows = await waitUntil('the three cases under the file', async () => {
    const t = await rowTexts();
    return t.length === 4 ? t : false;
  });
  assert.match(rows[1], /^kube-proxy watches are not logged/);
  assert.match(rows[2], /^secret reads are logged with their bodies/);
  assert.match(rows[3], /^system:serviceaccount:platform-observability/);
  // one run icon in the gutter per case, on its `- name:` line
  const gutter = page.locator('.editor-group-container.active .codicon-testing-run-icon');
  await waitUntil('a gutter icon per case', async () => (await gutter.count()) === 3);
  // the failing case is underlined before anything ran: the server's diagnostics of the test file
  await activeEditor(page).locator('.squiggly-error').first().waitFor({ timeout: 20_000 });
}));

test('running them: two pass, the failing one shows expected vs actual and the trace', () => withLogs(async () => {
  await page.locator('[id="workbench.parts.sidebar"] .codicon-testing-run-all-icon').first().click();
  await waitUntil('the run to finish: 2 passed, 1 failed', async () => (await page.locator('.test-explorer .result-summary, .test-explorer-header').first().innerText().catch(() => '')).includes('2/3'), 60_000);
  const failed = explorerRow('secret reads are logged with their bodies');
  assert.equal(await failed.locator('.codicon-testing-failed-icon').count(), 1);
  assert.equal(await explorerRow('kube-proxy watches are not logged').locator('.codicon-testing-passed-icon').count(), 1);
  // the failure's inline message at the expected level; a click opens its peek: a diff of the expected and the actual outcome
  const inline = activeEditor(page).getByText('level: Metadata != level: RequestResponse');
  await inline.waitFor({ timeout: 20_000 });
  const peek = page.locator('.test-output-peek');
  await waitUntil('the peek', async () => {
    await inline.click({ timeout: 5000 }).catch(() => {});
    return peek.isVisible();
  }, 30_000, 1000).catch(async (e) => {
    fs.writeFileSync(path.join(process.env.E2E_SHOTS ?? '/tmp', 'review-peek-editor.html'), await page.locator('[id="workbench.parts.editor"]').innerHTML());
    throw e;
  });
  const diff = peek.locator('.monaco-diff-editor');
  await diff.waitFor({ timeout: 20_000 });
  await waitUntil('expected and actual in the diff', async () => {
    const text = (await diff.innerText()).replace(/\u00a0/g, ' ');
    return /level: RequestResponse/.test(text) && /level: Metadata/.test(text);
  });
  assert.match(await peek.innerText(), /This case fails: it expects level RequestResponse, but rule 1 matches: Metadata \(omitting RequestReceived\)/);
  // wider, so the README shows whole case names (the sash between the side bar and the editor)
  await dragSidebarEdge(120);
  await shot(page, 'review-02a-failing-case-diff', { readme: 'test-explorer', panel: false, sidebar: true });
  await dragSidebarEdge(-120);
  await page.keyboard.press('Escape');
}));

test('Debug: explain above a case explains its request against the policy', () => withLogs(async () => {
  await open(TEST_FILE);
  const lens = activeEditor(page).locator('.codelens-decoration a', { hasText: 'Debug: explain' }).nth(1);
  await waitUntil('the explain page', async () => {
    await lens.click({ timeout: 5000 }).catch(() => {});
    return page.locator('.tab', { hasText: 'Explain: review-audit-policy.yaml' }).isVisible();
  }, 30_000, 500);
  await waitUntil('the page to say rule 1 matches', async () => /Rule 1 matches: level Metadata/.test(await (await explainFrame()).locator('.outcome').innerText(PROBE)));
  const explain = await explainFrame();
  assert.match(await explain.locator('.muted').first().innerText(PROBE), /The test case "secret reads are logged with their bodies", explained against review-audit-policy\.yaml/);
  assert.equal(await explain.locator('button[data-action="addTestCase"]').count(), 0, 'a case is not added again');
}));

test('Add as test case from Explain Request writes the case to the test file', () => withLogs(async () => {
  await open(POLICY_FILE);
  await runCommand(page, 'Kubernetes Audit Policy: Explain Request…');
  await answerInput(page, 'DELETE /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/admin', 'Explain Request (1/3)');
  await answerInput(page, 'bob', 'Explain Request (2/3)');
  await answerInput(page, 'system:authenticated', 'Explain Request (3/3)');
  await waitUntil('rule 2 to match', async () => /Rule 2 matches: level RequestResponse/.test(await (await explainFrame()).locator('.outcome').innerText(PROBE)));
  await (await explainFrame()).locator('button[data-action="addTestCase"]').click();
  const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'Added to review-audit-policy.test.yaml' });
  await toast.waitFor({ timeout: 20_000 });
  const written = await waitUntil('the case on disk', async () => {
    const text = readFile(TEST_FILE);
    return text.includes('clusterrolebindings') ? text : false;
  });
  // appended in the file's style: flow groups and expect, no padding in the brackets
  assert.ok(written.startsWith(TESTS), 'the cases before are untouched');
  assert.equal(written.slice(TESTS.length), [
    '- name: DELETE /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/admin as bob is logged at RequestResponse',
    '  request: DELETE /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/admin',
    '  user: bob',
    '  groups: [system:authenticated]',
    '  expect: {level: RequestResponse, rule: 2, omitStages: [RequestReceived]}',
    '',
  ].join('\n'));
  await shot(page, 'review-04a-added-test-case');
  // the Test Explorer lists it (the file watcher saw the file change)
  await runCommand(page, 'Testing: Focus on Test Explorer View');
  await explorerRow('DELETE /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/admin').waitFor({ timeout: 30_000 });
}));

test('Compare with Saved shows what an unsaved edit changes, and follows further edits', () => withLogs(async () => {
  // the policy alone in the first group: the comparison opens beside it, at half width
  await runCommand(page, 'View: Close All Editors');
  await open(POLICY_FILE);
  // the editor title offers Compare with… on a policy
  await page.locator('.editor-group-container.active .editor-actions [aria-label="Compare with…"]').waitFor({ timeout: 20_000 });
  // rule 1 stops logging secrets and configmaps (unsaved)
  await goToLine(page, RULE1_LINE, '- level: '.length + 1);
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('None');
  await runCommand(page, 'Kubernetes Audit Policy: Compare with…');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Saved version' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: 'Compare: review-audit-policy.yaml' }).waitFor({ timeout: 20_000 });
  const outcome = await waitUntil('one change', async () => {
    const t = await (await compareFrame()).locator('.outcome').innerText(PROBE);
    return /^1 change \(1 newly dropped\)/.test(t) ? t : false;
  }, 30_000);
  assert.doesNotMatch(outcome, /security/);
  const compare = await compareFrame();
  const change = compare.locator('li.change').first();
  assert.match(await change.innerText(PROBE), /^any verb on core secrets or configmaps/);
  assert.match(await change.innerText(PROBE), /Metadata \(omitting RequestReceived\) → not logged\s+\(old rule 1 → new rule 1\)/);
  assert.match(await compare.locator('h2').first().innerText(PROBE), /^Newly dropped \(1\)$/);
  // a second edit: the long-named rule 3 stops logging too; the page follows
  await open(POLICY_FILE);
  await goToLine(page, RULE3_LINE, '- level: '.length + 1);
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('None');
  await waitUntil('two changes', async () => /^2 changes \(2 newly dropped\)/.test(await (await compareFrame()).locator('.outcome').innerText(PROBE)), 30_000);
  const long = await (await compareFrame()).locator('li.change', { hasText: LONG_RESOURCE }).innerText(PROBE);
  assert.match(long, new RegExp(`user ${LONG_USER.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await page.keyboard.press('Escape'); // the suggestions typing "None" opened
  await shot(page, 'review-05a-compare-with-saved', { readme: 'compare-with', panel: false });
  // Go to rule reveals the new rule in the policy
  await (await compareFrame()).locator('li.change', { hasText: LONG_RESOURCE }).locator('button[data-action="reveal"]').click();
  const status = page.locator('[id="status.editor.selection"]');
  await waitUntil(`the cursor on rule 3 (line ${RULE3_LINE})`, async () => new RegExp(`^Ln ${RULE3_LINE},`).test(await status.innerText()));
}));

test('the replay panel shows each request shape vs the baseline', () => withLogs(async () => {
  await page.keyboard.press('Control+1'); // the policy's group
  await runCommand(page, 'Kubernetes Audit Policy: Show Replay Panel');
  await page.locator('.tab', { hasText: 'Replay: review-audit-policy.yaml' }).waitFor({ timeout: 20_000 });
  const total = await waitUntil('the vs-baseline total', async () => {
    const t = await (await frameWith('[data-total]')).locator('[data-total="baseline"]').innerText(PROBE).catch(() => '');
    return /get another outcome than under the saved version/.test(t) ? t : false;
  }, 30_000);
  // list secrets and list configmaps: 2 of the log's 37 events
  assert.match(total, /^2 of 37 events \(5\.4%\)/);
  const replay = await frameWith('[data-total]');
  const changed = replay.locator('td.baseline[data-differs="true"]');
  // a narrow panel stacks each row with labels ("Vs baseline was Metadata, rule 1")
  assert.deepEqual((await changed.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').replace(/^Vs baseline /, '').trim()), ['was Metadata, rule 1', 'was Metadata, rule 1']);
  await changed.first().scrollIntoViewIfNeeded();
  await shot(page, 'review-06a-replay-vs-baseline');
  // Add test case on the row of `list configmaps`: pinned with the outcome as typed (not logged)
  await replay.locator('tr.shape', { hasText: 'configmaps' }).locator('button[data-action="addTestCase"]').click();
  const name = 'GET /api/v1/namespaces/ns1/configmaps (list) as system:admin in group system:masters is not logged';
  await page.locator('.notifications-toasts .notification-list-item-message', { hasText: `Added to review-audit-policy.test.yaml: the case "${name}"` }).waitFor({ timeout: 20_000 });
  assert.ok(readFile(TEST_FILE).endsWith(`- name: ${name}\n  request: GET /api/v1/namespaces/ns1/configmaps\n  user: system:admin\n  groups: [system:masters, system:authenticated]\n  expect: {level: None, rule: 1, omitStages: [RequestReceived]}\n`));
}));

test('undoing the edits makes the comparison equivalent, said plainly', () => withLogs(async () => {
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+Z');
  await page.keyboard.press('Control+Z');
  await page.locator('.tab', { hasText: 'Compare: review-audit-policy.yaml' }).click();
  await waitUntil('equivalent', async () => /^Equivalent/.test(await (await compareFrame()).locator('.outcome').innerText(PROBE)), 30_000);
  assert.match(await (await compareFrame()).locator('.outcome').innerText(PROBE), /Every request gets the same outcome under both/);
}));

test('the extension logged no error during the whole session', () => {
  const log = server.extensionLog();
  assert.deepEqual(log.split('\n').filter((l) => /\[error\]| failed: /.test(l)), []);
});
