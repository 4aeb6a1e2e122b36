// Finding documentation and first run, in a real VS Code (code-server + headless Chromium, which
// resolves no name but the loopback server): a diagnostic's code link in the Problems panel and in
// the hover, the links in the server's hovers, and "Show documentation for CODE" in the quick-fix
// menu open the page shipped with the extension, rendered in the Markdown preview; New Audit
// Policy… opens a starter that the language server finds clean; the walkthrough lists its steps.
// Screenshots go to test/e2e/.shots (and, with E2E_README_SHOTS, the feature tour's code-docs.png,
// new-policy.png and walkthrough.png).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workbenchSession } from './session.mjs';
import { activeEditor, chooseAction, goToLine, hover, openFile, problems, runCommand, waitForProblem, waitUntil } from './workbench.mjs';

const session = workbenchSession('docs');
const withLogs = (fn) => session.withLogs(fn);

/** The rendered Markdown preview of a code's page: its tab, then its first heading inside the webview. */
async function waitForCodePage(code) {
  await session.page.locator('.tab', { hasText: `Preview ${code}.md` }).first().waitFor({ timeout: 30_000 });
  const frames = session.page.frameLocator(`iframe.webview.ready`);
  await waitUntil(`the preview to render "# ${code}"`, async () => {
    for (let i = 0; i < await session.page.locator('iframe.webview.ready').count(); i++) {
      const heading = frames.nth(i).frameLocator('iframe#active-frame').locator('h1', { hasText: code });
      if (await heading.count() > 0 && await heading.first().isVisible()) return true;
    }
    return false;
  }, 30_000);
}

/** Closes every editor, so the next page that opens can only have been opened by the next step. */
async function closeAllEditors() {
  await runCommand(session.page, 'View: Close All Editors');
  await waitUntil('every editor to close', async () => (await session.page.locator('.editor-group-container .tab').count()) === 0);
}

test('the code link of a diagnostic in the Problems panel opens its page, rendered, from the extension', () => withLogs(async () => {
  await openFile(session.page, 'policies/falco-example-v1beta1.yaml');
  await activeEditor(session.page).locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  await waitForProblem(session.page, /unsupported-api-version/, { filter: 'unsupported-api-version' });
  const link = session.page.locator('.markers-panel .monaco-list-row a.monaco-link', { hasText: 'unsupported-api-version' }).first();
  assert.match(await link.getAttribute('href'), /^command:kubeAuditPolicy\.showCodeDocumentation/, 'the link is the local command, not a web address');
  await link.click();
  await waitForCodePage('unsupported-api-version');
  await problems(session.page, '');
  session.readmeShot = { readme: 'code-docs', panel: false };
}));

/**
 * Opens `file` (at `line`, when given), hovers `token` until the hover matches `expect`, clicks the
 * hover's link `link` (a selector inside the hover) that says `text`, and waits for `code`'s page.
 */
async function followHoverLink({ file, line, token, expect, link, text, code }) {
  await closeAllEditors();
  await openFile(session.page, file);
  if (line !== undefined) await goToLine(session.page, line);
  await hover(session.page, token, expect);
  await session.page.locator(`.monaco-hover:visible ${link}`, { hasText: text }).first().click();
  await waitForCodePage(code);
}

const V1BETA1 = { file: 'policies/falco-example-v1beta1.yaml', token: 'audit.k8s.io/v1beta1', expect: /unsupported-api-version/, text: 'unsupported-api-version', code: 'unsupported-api-version' };

test('the code link in the hover opens the page too', () => withLogs(() => followHoverLink({ ...V1BETA1, link: 'a.code-link' })));

test('the server\'s hover links open the page too: a finding\'s detail, and "Order matters" on a rule', () => withLogs(async () => {
  await followHoverLink({ ...V1BETA1, link: '.rendered-markdown a' });
  // Rule 5 (`- level: Request`), which rule 2 takes some requests from.
  await followHoverLink({ file: 'policies/k8s-website-docs.yaml', line: 43, token: 'Request', expect: /Order matters/, link: '.rendered-markdown a', text: 'Order matters', code: 'partial-overlap' });
}));

test('"Show documentation for CODE" in the quick-fix menu opens the page', () => withLogs(async () => {
  await closeAllEditors();
  await openFile(session.page, 'broken-audit-policy.yaml');
  await activeEditor(session.page).locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
  const rows = await waitForProblem(session.page, /core-group-name/, { filter: 'core-group-name' });
  const line = Number(/\[Ln (\d+),/.exec(rows.find((r) => /core-group-name/.test(r)))[1]);
  await goToLine(session.page, line, 14);
  await session.page.keyboard.press('Control+.');
  await chooseAction(session.page, 'Show documentation for core-group-name');
  await waitForCodePage('core-group-name');
}));

test('New Audit Policy… opens a starter as an unsaved audit-policy.yaml that the language server finds clean', () => withLogs(async () => {
  await closeAllEditors();
  await runCommand(session.page, 'Kubernetes Audit Policy: New Audit Policy…');
  const picks = session.page.locator('.quick-input-list .monaco-list-row');
  await picks.first().waitFor();
  const labels = await picks.allInnerTexts();
  for (const label of ['CIS Benchmark 3.2.2', 'GKE-style balanced', 'Kubernetes documentation example', 'Alibaba Cloud ACK default']) {
    assert.ok(labels.some((l) => l.includes(label)), `offered: ${label} in ${labels.join(' | ')}`);
  }
  await session.page.locator('.quick-input-widget input').fill('CIS Benchmark');
  await session.page.keyboard.press('Enter');
  await session.page.locator('.editor-group-container.active .tab.active', { hasText: 'audit-policy.yaml' }).waitFor({ timeout: 15_000 });
  const editor = activeEditor(session.page);
  await editor.locator('.view-line', { hasText: 'apiVersion: audit.k8s.io/v1' }).first().waitFor({ timeout: 15_000 });
  // The server treats it as a policy (its code lenses appear) and reports nothing above a hint.
  await editor.locator('.codelens-decoration', { hasText: 'Explain' }).first().waitFor({ timeout: 30_000 });
  assert.equal(await editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').count(), 0, 'no error, warning or information');
  const rows = await problems(session.page, 'audit-policy.yaml');
  assert.deepEqual(rows.filter((r) => /kube-audit-policy/.test(r)), [], `no problems: ${rows.join(' | ')}`);
  session.readmeShot = { readme: 'new-policy', panel: false };
}));

test('the walkthrough lists its five steps; a step\'s button runs its command and ticks the step', () => withLogs(async () => {
  // Room for the steps and their media: no panel, no side bar.
  for (const [part, key] of [['panel', 'Control+J'], ['sidebar', 'Control+B']]) {
    if (await session.page.locator(`[id="workbench.parts.${part}"]`).isVisible()) await session.page.keyboard.press(key);
  }
  await runCommand(session.page, 'Welcome: Open Walkthrough...');
  const pick = session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Kubernetes audit policies' }).first();
  await pick.waitFor({ timeout: 15_000 });
  await pick.click();
  const steps = session.page.locator('.getting-started-step');
  await waitUntil('the walkthrough steps', async () => (await steps.count()) >= 5);
  const titles = (await steps.locator('.step-title').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(titles, ['Open or create a policy', 'Read a finding and fix it', 'Explain a request', 'Replay an audit log', 'Compare with the saved version']);
  const first = steps.first();
  assert.equal(await first.getAttribute('aria-checked'), 'false');
  // The expanded step's media: client/walkthrough/open-policy.md, rendered in a webview beside the steps.
  await waitUntil('the step\'s Markdown media', async () => {
    for (let i = 0; i < await session.page.locator('iframe.webview.ready').count(); i++) {
      const text = session.page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame').locator('body');
      if (/New Audit Policy… starts from a well-known policy/.test(await text.innerText().catch(() => ''))) return true;
    }
    return false;
  }, 20_000);
  // The step's button is a command: link to New Audit Policy…, which asks for a starter.
  await first.locator('.button-container .monaco-button', { hasText: 'New Audit Policy…' }).click();
  await session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'CIS Benchmark 3.2.2' }).waitFor({ timeout: 15_000 });
  await session.page.keyboard.press('Escape');
  await waitUntil('the first step to be ticked', async () => (await first.getAttribute('aria-checked')) === 'true');
  session.readmeShot = { readme: 'walkthrough' };
}));
