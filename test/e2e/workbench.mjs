// Drives VS Code's web workbench (served by code-server) with Debian's Chromium through playwright-core.
// Selectors are VS Code 1.100's; every wait polls with a deadline and fails with what it was waiting for.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';

const shotsDir = process.env.E2E_SHOTS || path.join(path.dirname(new URL(import.meta.url).pathname), '.shots');

export async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || execSync('command -v chromium').toString().trim(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      // nothing may leave the machine: every name fails to resolve except the loopback server
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** Polls `probe` (returns a truthy value when done) until `timeoutMs`; throws naming `what`. */
export async function waitUntil(what, probe, timeoutMs = 20_000, intervalMs = 150) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) { last = e; }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const activeEditor = (page) => page.locator('.editor-group-container.active .monaco-editor').first();

/** Opens the workbench on `folder` and waits until the explorer lists `expectFile`. */
export async function openWorkbench(page, url, folder, expectFile) {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: expectFile }).first().waitFor({ timeout: 30_000 });
}

/**
 * Opens a workspace file and waits for its tab: a click on its explorer row when that is visible
 * (file names in the fixtures are unique), else Quick Open (Ctrl+P). In Quick Open the row is clicked,
 * not Enter-ed: until the search answers, the list still shows recently opened files first.
 */
export async function openFile(page, relativePath) {
  const name = path.basename(relativePath);
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${escapeRe(name)}$`) }).first();
  if (await row.isVisible()) {
    await row.click();
  } else {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(relativePath);
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    // Quick Open's first search starts ripgrep: seconds on a busy machine
    await pick.waitFor({ timeout: 60_000 });
    await pick.click();
  }
  await page.locator(`.editor-group-container.active .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 30_000 });
  await activeEditor(page).locator('.view-line').first().waitFor();
}

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/** The visible text of an editor (Monaco renders only visible lines; the fixtures are short). */
export async function editorText(page, editor = activeEditor(page)) {
  return [...(await visibleLines(editor)).values()].join('\n');
}

/**
 * The rendered lines of an editor by 1-based line number: Monaco's text lines carry no number, so
 * each is paired with the line-number cell drawn at the same height in the margin.
 */
export async function visibleLines(editor) {
  const pairs = await editor.evaluate((el) => {
    const top = (n) => n.closest('[style*="top"]')?.style.top ?? n.style.top;
    const numbers = new Map([...el.querySelectorAll('.margin-view-overlays > div')]
      .map((d) => [d.style.top, d.querySelector('.line-numbers')?.textContent.trim()]));
    return [...el.querySelectorAll('.view-lines .view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => [Number(numbers.get(top(l))), l.textContent.replace(/\u00a0/g, ' ')]);
  });
  return new Map(pairs);
}

/**
 * The 1-based line of the active editor's cursor, from the line-number margin (undefined when not
 * in view). Unlike the status bar's "Ln, Col", it is shown while another part (a webview) has focus.
 */
export async function cursorLine(page) {
  const numbers = await activeEditor(page).locator('.line-numbers.active-line-number').allInnerTexts();
  return numbers.length === 0 ? undefined : Number(numbers[0]);
}

/** Whether the keyboard is in the active group's text editor (not in a webview, a widget or the workbench). */
export const editorHasKeyboard = (page) => page.evaluate(() => document.activeElement?.closest('.editor-group-container.active .monaco-editor') != null);

/** Puts the cursor on 1-based line/column with Quick Open's `:line:column`, which also reveals it. */
export async function goToLine(page, line, column = 1) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  // keys typed next must land at the cursor, so wait until the editor has it and the keyboard
  await waitUntil(`the editor's cursor on line ${line}`, async () => (await cursorLine(page)) === line && (await editorHasKeyboard(page)));
}

/**
 * The on-screen box of a rendered token in the active editor (the line must be in view), once it
 * stays put: code lenses and other view zones arrive after the text and push lines down.
 */
async function tokenBox(page, text, nth = 0) {
  const token = activeEditor(page).locator('.view-line span span', { hasText: new RegExp(`^${escapeRe(text)}$`) }).nth(nth);
  await token.waitFor({ timeout: 15_000 });
  let last = await token.boundingBox();
  return waitUntil(`"${text}" to stop moving`, async () => {
    await page.waitForTimeout(300);
    const box = await token.boundingBox();
    const still = box && last && box.x === last.x && box.y === last.y;
    last = box;
    return still ? box : false;
  }, 10_000, 0);
}

/**
 * Hovers the `nth` rendered token whose text is exactly `text` and returns the hover's text once it
 * matches `expect`. Raw mouse moves (locator.hover scrolls Monaco's DOM); hovers before the editor
 * has focus are dropped, so the token is clicked first; an empty hover shown too early can stick,
 * so each retry first rests the mouse on the line-number margin, which resets it.
 */
export async function hover(page, text, expect, { nth = 0, timeoutMs = 20_000 } = {}) {
  const margin = await activeEditor(page).locator('.margin').first().boundingBox();
  const widget = page.locator('.monaco-hover:visible');
  let focused = false;
  return waitUntil(`a hover on "${text}" matching ${expect}`, async () => {
    const box = await tokenBox(page, text, nth);
    const x = box.x + Math.min(box.width / 2, 12);
    const y = box.y + box.height / 2;
    if (!focused) {
      await page.mouse.click(x, y);
      focused = true;
    }
    await page.mouse.move(margin.x + 5, y);
    await page.mouse.move(x, y, { steps: 2 });
    try {
      await widget.filter({ hasText: expect }).first().waitFor({ timeout: 2500 });
    } catch { return false; }
    return widget.first().innerText();
  }, timeoutMs, 50);
}

/**
 * Opens the Problems panel and returns the text of each rendered row: a file row ("name\nfolder\ncount")
 * or a marker row ("message\nsource\ncode\n[Ln 1, Col 13]"). The list is virtualised: pass `filter`
 * (typed into the panel's filter box, matched against message, source and code) to reach any row.
 */
export async function problems(page, filter = '') {
  const panel = page.locator('.markers-panel');
  if (!await panel.isVisible()) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor();
  const box = page.locator('input[aria-label="Filter Problems"]');
  if (await box.inputValue() !== filter) await box.fill(filter);
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

/** Waits until some Problems row matches `re` and returns all rows (see `problems` for `filter`). */
export async function waitForProblem(page, re, { filter = '', timeoutMs = 20_000 } = {}) {
  return waitUntil(`a Problems row matching ${re}`, async () => {
    const rows = await problems(page, filter);
    return rows.some((r) => re.test(r)) ? rows : false;
  }, timeoutMs);
}

/** Runs a command from the palette by its label as shown (`Category: Title`). */
export async function runCommand(page, label) {
  const input = page.locator('.quick-input-widget input');
  // A layout change just before (the side bar toggled, a webview taking focus) can close the
  // palette as it opens: open it again rather than wait on a hidden input.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${label}`, { timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/**
 * Answers an open input box (showInputBox / QuickPick) with `value`. A multi-step flow reuses one
 * widget, so `title` (the step's title) says which box must be showing before typing.
 */
export async function answerInput(page, value, title) {
  if (title) await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(value);
  await page.keyboard.press('Enter');
}

/**
 * Picks `title` in the open action widget (quick fix / refactor menu, Ctrl+.) with the keyboard, as
 * mouse clicks on its rows are not delivered reliably in headless Chromium.
 */
export async function chooseAction(page, title) {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.filter({ hasText: title }).first().waitFor({ timeout: 15_000 });
  const count = await rows.count();
  for (let i = 0; i <= count; i++) {
    if (await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label') === title) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`"${title}" could not be focused in the action widget: ${(await rows.allInnerTexts()).join(' | ')}`);
}

/** The content of the webview panel shown in the active editor group (VS Code nests two iframes). */
export const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/**
 * Screenshots the page into the shots dir after a short settle for fade-ins; returns the file.
 * With `readme` and env E2E_README_SHOTS (a folder), also writes `<readme>.png` there without the
 * explorer (unless `sidebar`: a view of it is the subject) and without the bottom panel unless `panel`:
 * `E2E_README_SHOTS=$PWD/test/e2e/screenshots bash test/e2e/run.sh test/e2e/ui.test.mjs` refreshes
 * the README's feature tour.
 */
export async function shot(page, name, { readme, panel = true, sidebar = false } = {}) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.waitForTimeout(350);
  const file = path.join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  if (readme && process.env.E2E_README_SHOTS) {
    const box = (id) => page.locator(`[id="workbench.parts.${id}"]`).boundingBox();
    const sidebarBox = await box('sidebar');
    const bottom = panel ? null : await box('panel');
    const { width, height } = page.viewportSize();
    const x = sidebarBox && !sidebar ? Math.round(sidebarBox.x + sidebarBox.width) : 0;
    const h = bottom ? Math.round(bottom.y) : height;
    fs.mkdirSync(process.env.E2E_README_SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(process.env.E2E_README_SHOTS, `${readme}.png`), clip: { x, y: 0, width: width - x, height: h } });
  }
  return file;
}

/**
 * Runs an extension-host test module (the `run()` contract of @vscode/test-electron) inside code-server:
 * the web workbench takes extensionDevelopmentPath/extensionTestsPath from the `payload` URL parameter,
 * runs the module in the extension host and reports through window.codeAutomationExit(code).
 * Returns { code, output }; code is -1 on timeout.
 */
export async function runExtensionTests({ server, extensionPath, testsModule, workspace, timeoutMs = 120_000 }) {
  const { context, page, close } = await launchBrowser();
  const output = [];
  try {
    const remote = (p) => `vscode-remote://${server.authority}${path.resolve(p)}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(extensionPath)], ['extensionTestsPath', remote(testsModule)]]);
    let done;
    const exited = new Promise((resolve) => { done = resolve; });
    await context.exposeFunction('codeAutomationLog', (_type, args) => output.push(util.format(...(Array.isArray(args) ? args : [args]))));
    await context.exposeFunction('codeAutomationExit', (code) => done(code));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(path.resolve(workspace))}&payload=${encodeURIComponent(payload)}`);
    let timer;
    const code = await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(() => resolve(-1), timeoutMs); })]);
    clearTimeout(timer);
    return { code, output: output.join('\n') };
  } finally {
    await close();
  }
}
