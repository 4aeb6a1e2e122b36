// One code-server and one Chromium for a whole test file, on a fresh copy of the example workspace:
// the node:test hooks a UI test file needs, a screenshot after every test (plus the README picture a
// test asks for with `session.readmeShot = { readme, panel }`, see workbench.mjs `shot`), and
// `session.withLogs`, which adds where the keyboard is and code-server's and the extension's log tails
// to a failure.
//
// Options: `prepare(workspace)` writes files before code-server starts, `settings` are code-server's
// user settings, `onPage(page)` runs before the workbench opens (to listen to the browser console),
// and `failureContext()` returns more text for a failure's message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';
import { exampleWorkspace, repoRoot } from './paths.mjs';
import { startCodeServer } from './server.mjs';
import { launchBrowser, openWorkbench, shot } from './workbench.mjs';

export function workbenchSession(prefix, { prepare, settings, onPage, failureContext } = {}) {
  let browser;
  let step = 0;
  const session = {
    server: undefined,
    page: undefined,
    workspace: undefined,
    readmeShot: undefined,
    async withLogs(fn) {
      try {
        return await fn();
      } catch (e) {
        // What the context adds must not hide the failure itself.
        const more = failureContext ? await Promise.resolve().then(failureContext).catch((c) => `(no more context: ${c})`) : '';
        const keyboard = session.page ? `\nthe keyboard is in ${await keyboardAt(session.page)}` : '';
        e.message += `${keyboard}${more ? `\n${more}` : ''}\n${session.server?.logTail() ?? ''}`;
        throw e;
      }
    },
  };
  let settle;
  // Node 20 starts a file's next root `before` hook without waiting for this one: a hook that needs
  // the session awaits `session.ready`, which fails when the set-up does.
  session.ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  session.ready.catch(() => undefined);
  before(async () => {
    try {
      session.workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-'));
      fs.cpSync(exampleWorkspace, session.workspace, { recursive: true });
      await prepare?.(session.workspace);
      session.server = await startCodeServer({ extensionPath: repoRoot, workspace: session.workspace, settings });
      browser = await launchBrowser();
      session.page = browser.page;
      onPage?.(session.page);
      await openWorkbench(session.page, session.server.url, session.workspace, 'broken-audit-policy.yaml');
      settle.resolve(session);
    } catch (e) {
      settle.reject(e);
      throw e;
    }
  });
  after(async () => {
    await browser?.close();
    await session.server?.stop();
    if (session.workspace) fs.rmSync(session.workspace, { recursive: true, force: true });
  });
  afterEach(async (t) => {
    step += 1;
    const options = session.readmeShot;
    session.readmeShot = undefined;
    if (session.page) await shot(session.page, `${prefix}-${String(step).padStart(2, '0')}-${t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`, options);
  });
  return session;
}

/** Where the keyboard is, for a failure's message: focus races show on slower machines, not here. */
function keyboardAt(page) {
  const where = page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'no part of the workbench';
    if (a.matches('iframe.webview')) return 'a webview';
    if (a.closest('.monaco-editor')) return `a text editor${a.closest('.editor-group-container.active') ? ' of the active group' : ''}`;
    const part = a.closest('[id^="workbench.parts."]')?.id.slice('workbench.parts.'.length);
    return `${part ? `the ${part}: ` : ''}<${a.tagName.toLowerCase()} class="${a.className}">`;
  });
  const late = new Promise((resolve) => setTimeout(resolve, 2000, '(the page did not answer)'));
  return Promise.race([where.catch((e) => `(unknown: ${e.message})`), late]);
}
