// Editor tests of the replay panel in a real VS Code (code-server + headless Chromium). The workspace
// lists its logs in `kubeAuditPolicy.replay.logFiles`, so replay loads when the extension starts; a
// later test runs "Replay Audit Logs…" through its file picker. Every count read from the webview's
// DOM is checked against `kube-audit-policy replay --format jsonl` (one line per event with its rule)
// on the same policy text and logs. Screenshots of every step go to test/e2e/.shots.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { repoRoot } from './paths.mjs';
import { workbenchSession } from './session.mjs';
import { activeEditor, cursorLine, editorHasKeyboard, editorText, goToLine, openFile, runCommand, shot, waitUntil, webview } from './workbench.mjs';

const POLICY_FILE = 'policies/replay-audit-policy.yaml';
const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  users: ["system:admin"]
  verbs: ["get"]
- level: Metadata
  resources:
  - group: ""
    resources: ["pods"]
- level: RequestResponse
  resources:
  - group: ""
    resources: ["secrets"]
  namespaces: ["never-such-namespace"]
- level: Request
`;
/** The edit typed into the editor (and never saved): rule 0 also takes system:admin's lists. */
const EDITED = POLICY.replace('verbs: ["get"]', 'verbs: ["get", "list"]');

// An audit log is attacker-controlled: a user name and a namespace carrying markup, and a line that
// is not JSON at all. If any of it were parsed as HTML, the payloads would add an <img>/<script> or
// set window.pwned / the title.
const HOSTILE_USER = '<img src=x onerror="window.pwned=1;document.title=\'pwned\'">';
const HOSTILE_NAMESPACE = '<script>window.pwned=2</script>';
const HOSTILE_LOG = `${JSON.stringify({
  kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'hostile-1', stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/x/configmaps', verb: 'list',
  user: { username: HOSTILE_USER, groups: ['system:authenticated'] },
  objectRef: { resource: 'configmaps', namespace: HOSTILE_NAMESPACE, apiVersion: 'v1' },
})}\n<script>window.pwned=3</script>\n`;
const LOGS = ['logs/audit2rbac-demo.jsonl', 'logs/hostile.jsonl'];

// Real names can be long: a service account user (90 characters), a namespace of the maximum 63, a
// custom resource in its API group (83). The panel must wrap them at their separators in a
// half-width editor group, never mid-word. "Replay Audit Logs…" adds this log to the two above.
const LONG_USER = 'system:serviceaccount:platform-observability-long-namespace:metrics-collector-long-name';
const LONG_NAMESPACE = 'team-payments-processing-and-reconciliation-staging-environment1';
const LONG_GROUP = 'networking.platform.example.com';
const LONG_RESOURCE = 'reconciliationreportsforclusterwidenetworkpolicies';
const LONG_LOG = 'logs/long-names.jsonl';
const longEvent = (i, verb) => JSON.stringify({
  kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: `long-${i}`, stage: 'ResponseComplete',
  requestURI: `/apis/${LONG_GROUP}/v1/namespaces/${LONG_NAMESPACE}/${LONG_RESOURCE}`, verb,
  user: { username: LONG_USER, groups: ['system:serviceaccounts', 'system:authenticated'] },
  objectRef: { resource: LONG_RESOURCE, namespace: LONG_NAMESPACE, apiGroup: LONG_GROUP, apiVersion: 'v1' },
});
const LONG_NAMES_LOG = `${[longEvent(1, 'list'), longEvent(2, 'list'), longEvent(3, 'watch'), longEvent(4, 'create')].join('\n')}\n`;

const session = workbenchSession('replay', {
  prepare(ws) {
    fs.writeFileSync(path.join(ws, POLICY_FILE), POLICY);
    fs.writeFileSync(path.join(ws, 'logs/hostile.jsonl'), HOSTILE_LOG);
    fs.writeFileSync(path.join(ws, LONG_LOG), LONG_NAMES_LOG);
    fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.vscode/settings.json'), JSON.stringify({ 'kubeAuditPolicy.replay.logFiles': LOGS, 'files.autoSave': 'off' }, null, 2));
  },
  failureContext: async () => {
    const frames = await session.page.locator('iframe.webview').evaluateAll((els) => els.map((el) => `${el.className} visible=${el.checkVisibility()}`)).catch(() => []);
    return `webview iframes: ${JSON.stringify(frames)}`;
  },
});
const withLogs = (fn) => session.withLogs(fn);
let page;
let workspace;
// The tests below use these names, set once the session is ready.
before(async () => ({ page, workspace } = await session.ready));

/** Events per rule (index; -1 for no rule) and totals, from the CLI's jsonl output for `policyText`. */
function expected(policyText, logs = LOGS) {
  const file = path.join(os.tmpdir(), 'expected-audit-policy.yaml');
  fs.writeFileSync(file, policyText);
  let out;
  try {
    out = execFileSync(process.execPath, [path.join(repoRoot, 'out/cli.js'), 'replay', file, ...logs, '--format', 'jsonl'], { cwd: workspace, encoding: 'utf8' });
  } catch (e) {
    out = e.stdout; // exit 1: some lines were not events
  }
  const hits = new Map();
  let events = 0;
  let errors = 0;
  for (const line of out.trim().split('\n').map((l) => JSON.parse(l))) {
    if ('error' in line) { errors++; continue; }
    events++;
    hits.set(line.rule ?? -1, (hits.get(line.rule ?? -1) ?? 0) + 1);
  }
  return { events, errors, hits: (rule) => hits.get(rule) ?? 0 };
}

const frame = () => webview(page);
/** The first whole number in a text ("1,234 (39.5%)" -> 1234). */
const num = (text) => Number((/\d[\d,]*/.exec(text)?.[0] ?? 'NaN').replace(/,/g, ''));
// Short timeouts: the polls around these re-resolve the webview's frames on every try.
const PROBE = { timeout: 2000 };
const totalText = (id) => frame().locator(`[data-total="${id}"]`).innerText(PROBE);
/** The logs the panel lists as replayed. */
const loadedLogs = () => frame().locator('ul.logs li').evaluateAll((lis) => lis.map((li) => li.dataset.log));
const ruleHits = async (rule) => num(await frame().locator(`tr.rule[data-rule="${rule}"] td[data-col="hits"]`).innerText(PROBE));

/** Waits until the panel shows `exp`'s totals and per-rule hits for the 4 rules. */
async function panelShows(exp, what) {
  await waitUntil(what, async () => {
    if (num(await totalText('events')) !== exp.events) return false;
    for (let r = 0; r < 4; r++) if ((await ruleHits(r)) !== exp.hits(r)) return false;
    return true;
  }, 30_000);
}

test('the configured logs load at start: code lenses show each rule\'s hits', () => withLogs(async () => {
  await openFile(page, POLICY_FILE);
  const exp = expected(POLICY);
  const lens = activeEditor(page).locator('.codelens-decoration', { hasText: /hits? of/ });
  await waitUntil('hit-count code lenses', async () => (await lens.count()) === 4, 60_000);
  const titles = await lens.allInnerTexts();
  for (let r = 0; r < 4; r++) assert.match(titles[r], new RegExp(`${exp.hits(r)} hits? of ${exp.events} events`));
}));

test('Show Replay Panel renders totals and per-rule counts from the server', () => withLogs(async () => {
  await runCommand(page, 'Kubernetes Audit Policy: Show Replay Panel');
  const exp = expected(POLICY);
  await panelShows(exp, 'the panel to show the replay of the saved policy');
  assert.match(await totalText('dropped'), new RegExp(`level None ${exp.hits(0)}`));
  assert.equal(await frame().locator('tr.rule.never').count(), 1, 'rule 2 is marked as never hit');
  assert.match(await frame().locator('tr.rule.never').innerText(), /never hit/);
  // raised levels (Metadata recorded, Request now) have no honest size: "unknown"
  assert.match(await totalText('bytes'), /unknown/);
  // what is replayed, in words, without the internal document version
  const intro = await frame().locator('.panel > p.muted').first().innerText(PROBE);
  assert.match(intro, /as typed \(unsaved edits included\)/);
  assert.doesNotMatch(await frame().locator('body').innerText(PROBE), /[Dd]ocument version|version \d+ \(/);
  assert.deepEqual(await loadedLogs(), LOGS);
  // the README picture: without the side bar, so the editor and the panel get half the window each
  await page.keyboard.press('Control+B');
  await page.mouse.move(20, 600); // off the toolbar: no tooltip in the picture
  await shot(page, 'replay-panel', { readme: 'replay-panel' });
  await page.keyboard.press('Control+B');
}));

test('a hostile log line renders as inert text', () => withLogs(async () => {
  const userCell = frame().locator('td.user', { hasText: HOSTILE_USER });
  await userCell.waitFor({ timeout: 15_000 });
  assert.equal(await userCell.innerText(), HOSTILE_USER);
  assert.ok(await frame().locator('tr.shape td', { hasText: HOSTILE_NAMESPACE }).count() >= 1, 'the namespace shows as text');
  const error = frame().locator('ul.errors li', { hasText: 'hostile.jsonl:2' });
  await error.waitFor();
  const dom = await frame().locator('body').evaluate(() => ({
    imgs: document.querySelectorAll('img').length,
    // VS Code adds one inline script of its own to the frame; ours is the only one loaded by URL
    scriptFiles: [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src').replace(/^.*\/out\//, 'out/')),
    payloadScripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('pwned')).length,
    pwned: window.pwned ?? null,
    title: document.title,
  }));
  assert.deepEqual(dom, { imgs: 0, scriptFiles: ['out/webview/main.js'], payloadScripts: 0, pwned: null, title: 'Audit log replay' });
}));

/** Brings the policy's editor tab to the front (the panel's tab also names the policy). */
async function focusPolicy() {
  await page.locator(`.tab[data-resource-name="${path.basename(POLICY_FILE)}"]`).click();
  await activeEditor(page).locator('.view-line').first().waitFor();
}

test('an unsaved edit changes the counts within moments', () => withLogs(async () => {
  await focusPolicy();
  const line = POLICY.split('\n').findIndex((l) => l.includes('verbs: ["get"]')) + 1;
  await goToLine(page, line, POLICY.split('\n')[line - 1].indexOf('"get"') + 6);
  await page.keyboard.type(', "list"');
  await page.keyboard.press('Escape'); // the verb completion list
  await waitUntil('the editor to show the edit', async () => (await editorText(page)).includes('verbs: ["get", "list"]'));
  const exp = expected(EDITED);
  assert.notEqual(exp.hits(0), expected(POLICY).hits(0), 'the edit moves events between rules');
  await panelShows(exp, 'the panel to follow the unsaved edit');
  assert.equal(await page.locator(`.tab.dirty[data-resource-name="${path.basename(POLICY_FILE)}"]`).count(), 1, 'the editor has unsaved changes');
  assert.equal(fs.readFileSync(path.join(workspace, POLICY_FILE), 'utf8'), POLICY, 'the file on disk is unchanged');
  const lens = activeEditor(page).locator('.codelens-decoration', { hasText: /hits? of/ });
  await waitUntil('the first code lens to follow the edit', async () => new RegExp(`\\b${exp.hits(0)} hits? of`).test((await lens.allInnerTexts())[0] ?? ''));
}));

test('clicking a rule row reveals and selects the rule in the editor', () => withLogs(async () => {
  const row = frame().locator('tr.rule[data-rule="3"]');
  await row.click();
  // rule 3 (`- level: Request`) is the last line of the policy
  const ruleLine = EDITED.split('\n').findIndex((l) => l === '- level: Request') + 1;
  // The webview keeps the focus (the status bar then shows no "Ln, Col"): the margin says.
  await waitUntil(`the cursor on rule 3 (line ${ruleLine})`, async () => (await cursorLine(page)) === ruleLine);
  const breadcrumbs = page.locator('.editor-group-container.active .breadcrumbs-control');
  await waitUntil('the breadcrumbs to name rule 3', async () => /Rule 3/.test(await breadcrumbs.innerText()));
}));

/**
 * Focuses rule 1's row, presses Enter and waits until the editor has the keyboard with its cursor on
 * the rule. The cursor starts on line 1, since an earlier test may have left it on the rule. Enter
 * waits, as after a user's Tab or click, until the workbench has seen the panel take the keyboard:
 * news of that focus handled after the reveal would take the keyboard back from the editor.
 */
async function enterOnRuleOne() {
  await focusPolicy();
  await page.keyboard.press('Control+Home');
  await waitUntil('the cursor on line 1', async () => (await cursorLine(page)) === 1);
  const row = frame().locator('tr.rule[data-rule="1"]');
  await row.focus();
  await waitUntil('the panel to have the keyboard', () => page.evaluate(() => document.activeElement?.matches('iframe.webview') === true && document.querySelector('.editor-group-container.active .monaco-editor') === null));
  await row.press('Enter');
  const ruleLine = EDITED.split('\n').findIndex((l) => l === '- level: Metadata') + 1;
  await waitUntil(`the editor focused with its cursor on rule 1 (line ${ruleLine})`, async () => (await cursorLine(page)) === ruleLine && (await editorHasKeyboard(page)));
}

test('the keyboard reaches rule rows and Enter reveals the rule', () => withLogs(enterOnRuleOne));

test('after Enter reveals a rule, typing stays in the editor while the panel refreshes', () => withLogs(async () => {
  await enterOnRuleOne();
  await page.keyboard.press('End');
  // Each keystroke edits the policy, and the panel refreshes with it: the row it remembers must
  // not take the keyboard back.
  const comment = ' # keyboard stays here';
  for (const ch of comment) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(120);
  }
  await waitUntil('the whole comment in the editor', async () => (await editorText(page)).includes(`- level: Metadata${comment}`));
  for (let i = 0; i < comment.length; i++) await page.keyboard.press('Backspace');
  await waitUntil('the comment removed', async () => !(await editorText(page)).includes('# keyboard'));
}));

/** Selects rule `r` in the shapes' rule filter and waits until every listed shape is one of that rule. */
async function filterByRule(r) {
  await frame().locator('select[data-filter="rule"]').selectOption(String(r));
  await waitUntil(`only rule ${r} shapes`, async () => {
    const rules = await frame().locator('tr.shape td[data-col="rule"]').allInnerTexts();
    return rules.length > 0 && rules.every((x) => x === String(r));
  });
}

test('shapes filter by rule on the server and Explain shows the rule-by-rule trace', () => withLogs(async () => {
  const exp = expected(EDITED);
  await filterByRule(0);
  const events = (await frame().locator('tr.shape td[data-col="events"]').allInnerTexts()).map(num).reduce((a, b) => a + b, 0);
  assert.equal(events, exp.hits(0), 'the rule-0 shapes add up to its hits');
  // the catch-all's traffic: Explain walks past every earlier rule
  await filterByRule(3);
  // separate buttons per shape: Explain, Go to rule N, and Add test case
  const buttons = await frame().locator('tr.shape').first().locator('button').allInnerTexts();
  assert.deepEqual(buttons.map((b) => b.trim()), ['Explain', 'Go to rule 3', 'Add test case']);
  await frame().locator('tr.shape button[data-action="explain"]').first().click();
  const trace = frame().locator('section.explain ol.trace li');
  await waitUntil('the trace', async () => (await trace.count()) === 4);
  for (let r = 0; r < 3; r++) assert.match(await trace.nth(r).innerText(), new RegExp(`Rule ${r} does not match`));
  assert.match(await trace.nth(3).innerText(), /Rule 3 matches/);
  await page.keyboard.press('Control+B');
  await page.mouse.move(20, 600); // off the toolbar: no tooltip in the picture
  await shot(page, 'replay-explain', { readme: 'replay-explain' });
  await page.keyboard.press('Control+B');
}));

test('a shape\'s "Go to rule" button reveals its rule in the editor', () => withLogs(async () => {
  await frame().locator('tr.shape button[data-action="reveal"]').first().click();
  const ruleLine = EDITED.split('\n').findIndex((l) => l === '- level: Request') + 1;
  await waitUntil(`the cursor on rule 3 (line ${ruleLine})`, async () => (await cursorLine(page)) === ruleLine);
}));

test('a rule\'s "hits" code lens opens the panel on that rule\'s traffic', () => withLogs(async () => {
  await focusPolicy();
  const exp = expected(EDITED);
  const link = activeEditor(page).locator('.codelens-decoration a', { hasText: new RegExp(`^${exp.hits(0)} hits? of`) }).first();
  // the panel scrolled to its end: the lens must bring rule 0's row back into view
  await frame().locator('body').evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight), undefined, PROBE);
  assert.ok(!(await inView(frame().locator('tr.rule[data-rule="0"]'))), 'rule 0 is out of view before');
  await link.click();
  await waitUntil('the rule filter to show rule 0', async () => (await frame().locator('select[data-filter="rule"]').inputValue(PROBE)) === '0');
  await waitUntil('only rule 0 shapes', async () => {
    const rules = await frame().locator('tr.shape td[data-col="rule"]').allInnerTexts();
    return rules.length > 0 && rules.every((x) => x === '0');
  });
  const row = frame().locator('tr.rule[data-rule="0"]');
  await waitUntil('rule 0\'s row highlighted and scrolled into view', async () => (await row.getAttribute('class', PROBE)).split(' ').includes('selected') && inView(row));
  assert.equal(await frame().locator('tr.rule.selected').count(), 1, 'only that rule is highlighted');
}));

/** Whether the element is inside its frame's viewport (wholly). */
const inView = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
}, undefined, PROBE);

test('Replay Audit Logs… adds a log picked in the file dialog to the replayed ones and remembers it in the workspace', () => withLogs(async () => {
  await focusPolicy();
  await runCommand(page, 'Kubernetes Audit Policy: Replay Audit Logs…');
  // code-server's file dialog is a quick input that takes a path. It checks what was typed
  // asynchronously (and may rewrite the box meanwhile), so each try types the path again, waits for
  // the dialog to list the file, then accepts.
  const dialog = page.locator('.quick-input-widget');
  const input = dialog.locator('input');
  const logPath = path.join(workspace, LONG_LOG);
  await input.waitFor();
  let shown = false;
  await waitUntil('the file dialog to accept the log', async () => {
    if (await dialog.isHidden()) return true;
    if ((await input.inputValue()) !== logPath) await input.fill(logPath);
    await dialog.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(LONG_LOG) }).first().waitFor({ timeout: 2000 });
    if (!shown) shown = Boolean(await shot(page, 'replay-file-dialog'));
    await input.press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: 1000 }).catch(() => undefined);
    return dialog.isHidden();
  }, 30_000, 300);
  const all = [...LOGS, LONG_LOG];
  const exp = expected(EDITED, all);
  assert.notEqual(exp.events, expected(EDITED).events, 'the picked log adds events');
  await panelShows(exp, 'the panel to show the three logs');
  await waitUntil('the panel to list the three logs', async () => JSON.stringify(await loadedLogs()) === JSON.stringify(all));
  await waitUntil('the setting to list the three logs', async () => JSON.stringify(configuredLogs()) === JSON.stringify(all));
}));

const configuredLogs = () => JSON.parse(fs.readFileSync(path.join(workspace, '.vscode/settings.json'), 'utf8'))['kubeAuditPolicy.replay.logFiles'];

test('a log\'s remove button in the panel stops replaying it and updates the setting', () => withLogs(async () => {
  await frame().locator('ul.logs li[data-log="logs/hostile.jsonl"] button[data-action="removeLog"]').click();
  const rest = ['logs/audit2rbac-demo.jsonl', LONG_LOG];
  const exp = expected(EDITED, rest);
  assert.equal(exp.errors, 0);
  await panelShows(exp, 'the panel to show the two remaining logs');
  await waitUntil('the panel to list the two remaining logs', async () => JSON.stringify(await loadedLogs()) === JSON.stringify(rest));
  await waitUntil('the setting to list the two remaining logs', async () => JSON.stringify(configuredLogs()) === JSON.stringify(rest));
  assert.equal(await frame().locator('section[aria-labelledby="errors-h"]').count(), 0, 'the hostile log\'s unreadable line went with it');
}));

/**
 * In the panel's frame: whether anything scrolls sideways, and every text piece of a name (the text
 * between two <wbr> break points) that the browser split over two lines.
 */
const layoutProblems = () => frame().locator('body').evaluate(() => {
  const overflow = [document.documentElement, ...document.querySelectorAll('.scroll')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => `${el.className || el.tagName} ${el.scrollWidth} > ${el.clientWidth}`);
  const broken = [];
  for (const cell of document.querySelectorAll('td.user, td.target, td.ns, ul.logs code')) {
    for (const node of cell.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || node.textContent === '') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(node.textContent);
    }
  }
  return { overflow, broken };
}, undefined, PROBE);

test('in a half-width editor group: one labelled block per row, long names wrap at their separators, nothing scrolls sideways', () => withLogs(async () => {
  // the panel sits beside the policy: the editor area split in two halves
  const widths = await page.locator('.editor-group-container').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
  assert.equal(widths.length, 2, `two editor groups: ${widths}`);
  assert.ok(Math.abs(widths[0] - widths[1]) < 40, `equal halves: ${widths}`);
  await frame().locator('select[data-filter="rule"]').selectOption('');
  await frame().locator('input[data-filter="user"]').fill('metrics-collector');
  const userCell = frame().locator('td.user', { hasText: LONG_USER }).first();
  await waitUntil('the long user\'s shapes', async () => (await frame().locator('tr.shape').count()) > 0 && (await frame().locator('td.user').allInnerTexts()).every((t) => t === LONG_USER));
  assert.equal(await userCell.innerText(), LONG_USER, 'the name reads whole (break points add no character)');
  assert.equal(await frame().locator('td.target', { hasText: `${LONG_GROUP}/${LONG_RESOURCE}` }).count() > 0, true);
  // narrow: rows are blocks of labelled cells, not a 10-column table
  assert.equal(await frame().locator('tr.shape').first().evaluate((tr) => getComputedStyle(tr).display), 'flex');
  const problems = await layoutProblems();
  assert.deepEqual(problems, { overflow: [], broken: [] });
  // both buttons of a shape stay visible and apart
  const [explain, goTo] = await Promise.all(['explain', 'reveal'].map((a) => frame().locator(`tr.shape button[data-action="${a}"]`).first().boundingBox()));
  assert.ok(explain && goTo && explain.x + explain.width <= goTo.x, `Explain before Go to rule: ${JSON.stringify([explain, goTo])}`);
  await frame().locator('h2#shapes-h').evaluate((el) => el.scrollIntoView());
  await shot(page, 'replay-half-width-long-names');
  await frame().locator('body').evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'replay-half-width-top');
}));

test('in a wide editor group the rows are table rows with every column, still without sideways scrolling', () => withLogs(async () => {
  await frame().locator('input[data-filter="user"]').fill('');
  await waitUntil('every shape listed again', async () => (await frame().locator('td.user').allInnerTexts()).some((t) => t !== LONG_USER));
  // the whole window for the panel: no side bar, its group maximized
  await page.keyboard.press('Control+B');
  await runCommand(page, 'View: Toggle Maximize Editor Group');
  try {
    await waitUntil('the table layout', async () => (await frame().locator('tr.shape').first().evaluate((tr) => getComputedStyle(tr).display, undefined, PROBE)) === 'table-row');
    assert.equal(await frame().locator('table.shapes thead').isVisible(), true, 'column headers');
    assert.deepEqual(await layoutProblems(), { overflow: [], broken: [] });
    await frame().locator('h2#shapes-h').evaluate((el) => el.scrollIntoView());
    await shot(page, 'replay-wide-long-names');
  } finally {
    await runCommand(page, 'View: Toggle Maximize Editor Group');
    await page.keyboard.press('Control+B');
  }
}));

test('after a window reload the panel comes back and the workspace\'s logs load again', () => withLogs(async () => {
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  // the setting now lists the demo log and the picked one; the restored panel shows them replayed again
  const exp = expected(fs.readFileSync(path.join(workspace, POLICY_FILE), 'utf8'), ['logs/audit2rbac-demo.jsonl', LONG_LOG]);
  await waitUntil('the restored panel to show the reloaded log', async () => num(await totalText('events')) === exp.events, 60_000);
  assert.equal(await page.locator('.tab', { hasText: 'Replay: replay-audit-policy.yaml' }).count(), 1);
}));
