// UI tests: the extension in a real VS Code (code-server) driven like a user with headless Chromium.
// Every assertion reads what is on screen (DOM text); every step leaves a screenshot in test/e2e/.shots.
// One server and one browser for the whole file (setup ~10 s); the tests run in order and share it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { workbenchSession } from './session.mjs';
import {
  activeEditor, answerInput, chooseAction, editorText, goToLine, hover, openFile, problems, runCommand,
  shot, visibleLines, waitForProblem, waitUntil, webview,
} from './workbench.mjs';

const session = workbenchSession('ui');
const withLogs = (fn) => session.withLogs(fn);
let server;
let page;
let workspace;
// The tests below use these names, set once the session is ready.
before(async () => ({ server, page, workspace } = await session.ready));

const readFile = (rel) => fs.readFileSync(path.join(workspace, rel), 'utf8');
/** The Explain page (the only webview these tests open). Short probes: the polls around re-resolve the frames. */
const explainFrame = () => webview(page);
const PROBE = { timeout: 2000 };

test('a v1beta1 policy gets an unsupported-api-version error in the Problems panel', () => withLogs(async () => {
  await openFile(page, 'policies/falco-example-v1beta1.yaml');
  await activeEditor(page).locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  const rows = await waitForProblem(page, /unsupported-api-version/, { filter: 'unsupported-api-version' });
  const row = rows.find((r) => /unsupported-api-version/.test(r));
  assert.match(row, /kube-audit-policy/);
  assert.match(row, /\[Ln 1, Col \d+\]/);
  await problems(page); // clears the filter: the screenshot shows every finding of the file
  session.readmeShot = { readme: 'diagnostics' };
}));

test('an OpenShift policy gets unknown-field on its `resource:` typo', () => withLogs(async () => {
  await openFile(page, 'policies/openshift-writerequestbodies.yaml');
  const rows = await waitForProblem(page, /unknown-field/, { filter: 'unknown-field' });
  const row = rows.find((r) => /unknown-field/.test(r));
  const line = readFile('policies/openshift-writerequestbodies.yaml').split('\n').findIndex((l) => /^\s*resource:/.test(l)) + 1;
  assert.match(row, new RegExp(`\\[Ln ${line}, Col \\d+\\]`));
  // a click on the problem takes the cursor to it
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown-field' }).first().click();
  const status = page.locator('[id="status.editor.selection"]');
  await waitUntil(`the cursor on line ${line}`, async () => new RegExp(`^Ln ${line},`).test(await status.innerText()));
  await problems(page); // clears the filter for the next tests' screenshots
}));

test('a hover on a rule shows its plain-English summary', () => withLogs(async () => {
  await openFile(page, 'policies/k8s-website-docs.yaml');
  await activeEditor(page).locator('.codelens-decoration').first().waitFor({ timeout: 20_000 });
  // the first rule: `- level: RequestResponse` on pods
  // the workspace replays logs/audit2rbac-demo.jsonl (37 events) from the start: the hover counts hits
  const text = await hover(page, 'level', /Replay: \d+ of 37 events/);
  assert.match(text, /Rule 0/);
  assert.match(text, /Logs metadata, request and response bodies of/);
  assert.match(text, /pods/);
  session.readmeShot = { readme: 'hover', panel: false };
}));

test('Go to Symbol lists one entry per rule with its level, and jumps to a rule', () => withLogs(async () => {
  await openFile(page, 'policies/k8s-website-docs.yaml');
  const levels = readFile('policies/k8s-website-docs.yaml').split('\n').filter((l) => /^- level: /.test(l)).map((l) => l.slice('- level: '.length).trim());
  await page.keyboard.press('Control+Shift+O');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const texts = await waitUntil('a symbol per rule', async () => {
    const t = (await rows.allInnerTexts()).map((x) => x.trim()).filter((x) => /^Rule \d+:/.test(x));
    return t.length === levels.length ? t : false;
  });
  levels.forEach((level, i) => assert.match(texts[i], new RegExp(`^Rule ${i}: ${level}\\b`)));
  await shot(page, 'ui-04a-go-to-symbol', { readme: 'symbols', panel: false });
  await page.locator('.quick-input-widget input').fill('@Rule 6');
  await waitUntil('Rule 6 to be the first match', async () => /^Rule 6: Metadata/.test((await rows.first().innerText()).trim()));
  await page.keyboard.press('Enter');
  const breadcrumbs = page.locator('.editor-group-container.active .breadcrumbs-control');
  await waitUntil('the breadcrumbs to show rule 6', async () => /Rule 6: Metadata/.test(await breadcrumbs.innerText()));
}));

test('the quick fix turns v1beta1 into v1 and the editor shows the edit', () => withLogs(async () => {
  await openFile(page, 'policies/falco-example-v1beta1.yaml');
  await goToLine(page, 1, 25); // inside `audit.k8s.io/v1beta1`
  await page.keyboard.press('Control+.');
  await page.locator('.action-widget .monaco-list-row', { hasText: 'Change apiVersion to audit.k8s.io/v1' }).first().waitFor({ timeout: 15_000 });
  await shot(page, 'ui-05a-quick-fix-menu', { readme: 'quick-fix', panel: false });
  await chooseAction(page, 'Change apiVersion to audit.k8s.io/v1');
  await waitUntil('the first line to read audit.k8s.io/v1', async () => /^apiVersion: audit\.k8s\.io\/v1 /.test(await editorText(page)));
  await waitUntil('the Problems panel to drop unsupported-api-version for this file', async () =>
    !(await problems(page)).some((r) => /unsupported-api-version/.test(r) && !/broken-audit-policy/.test(r)));
}));

test('Explain Request… from the palette highlights the matching rule', () => withLogs(async () => {
  await openFile(page, 'policies/k8s-website-docs.yaml');
  await runCommand(page, 'Kubernetes Audit Policy: Explain Request…');
  await answerInput(page, 'GET /api/v1/namespaces/kube-system/configmaps/foo', 'Explain Request (1/3)');
  await answerInput(page, 'alice', 'Explain Request (2/3)');
  await answerInput(page, 'system:authenticated', 'Explain Request (3/3)');
  // rule 5 (`level: Request` on configmaps in kube-system) matches: the command selects it, so the
  // breadcrumbs (the outline symbol at the cursor) name it, and the trace opens beside the policy.
  const breadcrumbs = page.locator('.editor-group-container.active .breadcrumbs-control');
  await waitUntil('the breadcrumbs to show rule 5', async () => /Rule 5: Request/.test(await breadcrumbs.innerText()));
  assert.match(await page.locator('[id="status.editor.selection"]').innerText(), /selected/);
  // the trace opens beside the policy, rendered: a page, not Markdown source
  await page.locator('.tab', { hasText: 'Explain: k8s-website-docs.yaml' }).waitFor();
  const outcome = await waitUntil('the rendered outcome: rule 5 matches', async () => {
    const text = await explainFrame().locator('.outcome').innerText(PROBE);
    return /Rule 5 matches: level Request, omitting RequestReceived/.test(text) ? text : false;
  });
  assert.match(outcome, /Go to rule 5/);
  assert.match(await explainFrame().locator('h1').innerText(PROBE), /^GET \/api\/v1\/namespaces\/kube-system\/configmaps\/foo as alice$/);
  const trace = await explainFrame().locator('ol.trace li').allInnerTexts();
  assert.equal(trace.length, 6, 'rules 0 to 5 tried');
  assert.match(trace[2], /Rule 2 does not match/);
  assert.match(trace[5], /Rule 5 matches/);
  assert.match(await explainFrame().locator('table.attributes').innerText(PROBE), /namespace\s+kube-system/);
  const body = await explainFrame().locator('body').innerText(PROBE);
  assert.doesNotMatch(body, /\*\*|\| --- \||^#|`/m, 'no Markdown syntax on screen');
  session.readmeShot = { readme: 'explain-request', panel: false };
}));

test('the Explain page\'s rule buttons go to the rule; Open as Markdown gives the source', () => withLogs(async () => {
  await explainFrame().locator('ol.trace li[data-rule="2"] button[data-action="reveal"]').click();
  const breadcrumbs = page.locator('.editor-group-container.active .breadcrumbs-control');
  await waitUntil('the breadcrumbs to show rule 2', async () => /Rule 2: None/.test(await breadcrumbs.innerText()));
  await explainFrame().locator('button[data-action="markdown"]').click();
  await page.locator('.tab', { hasText: 'Explain k8s-website-docs.yaml.md' }).waitFor();
  const source = page.locator('.editor-group-container', { hasText: 'Explain k8s-website-docs.yaml.md' }).locator('.monaco-editor');
  await waitUntil('the Markdown source', async () => /\*\*Rule 5 matches\*\*/.test(await editorText(page, source)));
  await page.locator('.tab', { hasText: 'Explain k8s-website-docs.yaml.md' }).locator('.codicon-close').click();
  // the page, hidden behind the Markdown tab meanwhile, is drawn again
  await waitUntil('the Explain page again', async () => /Rule 5 matches/.test(await explainFrame().locator('.outcome').innerText(PROBE)));
  await page.keyboard.press('Control+1'); // back to the policy's group for the next tests
}));

test('the Explain… code lens above a rule explains a request that rule decides', () => withLogs(async () => {
  await openFile(page, 'policies/k8s-website-docs.yaml');
  await goToLine(page, 1);
  // lenses of rules 0-3 are in view at the top; rule 2 drops the configmap "controller-leader"
  const lens = activeEditor(page).locator('.codelens-decoration a', { hasText: 'Explain…' }).nth(2);
  const input = page.locator('.quick-input-widget input');
  // lenses are re-rendered when the server refreshes them, which can swallow a click: retry
  await waitUntil('the lens to open the input box', async () => {
    await lens.click({ timeout: 5000 });
    try {
      await input.waitFor({ timeout: 3000 });
      return true;
    } catch { return false; }
  });
  // prefilled with the analysis' example request for that rule, as a person types it: the request
  // line, then the user, then the groups; accept each
  const title = page.locator('.quick-input-widget .quick-input-title');
  await waitUntil('the input box to hold a request line rule 2 decides', async () =>
    (await input.inputValue()) === 'GET /api/v1/namespaces/default/configmaps/controller-leader');
  await shot(page, 'ui-08a-explain-lens-request-line');
  await page.keyboard.press('Enter');
  await waitUntil('the user box, prefilled', async () => /\(2\/3\)/.test(await title.innerText()) && (await input.inputValue()) === 'alice');
  await page.keyboard.press('Enter');
  await waitUntil('the groups box, prefilled', async () => /\(3\/3\)/.test(await title.innerText()) && (await input.inputValue()) === 'system:authenticated');
  await page.keyboard.press('Enter');
  const breadcrumbs = page.locator('.editor-group-container.active .breadcrumbs-control');
  await waitUntil('the breadcrumbs to show rule 2', async () => /Rule 2: None/.test(await breadcrumbs.innerText()));
  await waitUntil('the page to say rule 2 matches', async () => /Rule 2 matches: level None/.test(await explainFrame().locator('.outcome').innerText(PROBE)));
  assert.match(await explainFrame().locator('h1').innerText(PROBE), /^GET \/api\/v1\/namespaces\/default\/configmaps\/controller-leader as alice$/);
}));

test('a YAML file that is not an audit policy gets no diagnostics', () => withLogs(async () => {
  await openFile(page, 'manifests/clusterrole.yaml');
  // The server handles documents in order: once a policy opened afterwards has its diagnostics,
  // the ClusterRole has been seen too.
  await openFile(page, 'broken-audit-policy.yaml');
  await waitForProblem(page, /invalid-level/);
  await openFile(page, 'manifests/clusterrole.yaml');
  assert.equal(await activeEditor(page).locator('.squiggly-error, .squiggly-warning, .squiggly-info').count(), 0);
  const rows = await problems(page);
  assert.ok(!rows.some((r) => /clusterrole\.yaml/.test(r)), `no Problems entry for clusterrole.yaml:\n${rows.join('\n')}`);
}));

test('completion offers the four levels and fixes a lower-case one', () => withLogs(async () => {
  await openFile(page, 'broken-audit-policy.yaml');
  const lines = readFile('broken-audit-policy.yaml').split('\n');
  const line = lines.findIndex((l) => l.trimEnd().endsWith('level: metadata')) + 1;
  assert.ok(line > 0);
  await goToLine(page, line, lines[line - 1].trimEnd().length + 1);
  for (let i = 0; i < 'metadata'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+Space');
  const items = page.locator('.suggest-widget .monaco-list-row');
  const labels = await waitUntil('the four levels in the suggestions', async () => {
    const texts = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
    return ['None', 'Metadata', 'Request', 'RequestResponse'].every((l) => texts.includes(l)) ? texts : false;
  });
  assert.ok(labels.length >= 4);
  await shot(page, 'ui-09a-completion-levels', { readme: 'completion', panel: false });
  await page.keyboard.type('Metad');
  await waitUntil('Metadata to be the focused suggestion', async () =>
    /^Metadata\b/.test(await page.locator('.suggest-widget .monaco-list-row.focused').innerText()));
  await page.keyboard.press('Enter');
  await waitUntil('the line to read `level: Metadata`', async () => (await visibleLines(activeEditor(page))).get(line) === '  - level: Metadata');
  await waitUntil('invalid-level to leave the Problems panel', async () => !(await problems(page)).some((r) => /invalid-level/.test(r)));
}));

test('the extension logged no error during the whole session', () => {
  // the server answers a failing handler with a fallback and logs "<feature> failed: <stack>"
  const log = server.extensionLog();
  assert.match(log, /Explain Request: GET \/api\/v1\/namespaces\/kube-system\/configmaps\/foo as alice/, 'this is the extension\'s log');
  assert.deepEqual(log.split('\n').filter((l) => /\[error\]| failed: /.test(l)), []);
});
