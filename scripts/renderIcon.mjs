// Renders images/icon.svg to images/icon.png (128×128, transparent corners) with headless Chromium,
// the browser the editor tests use. Run after changing the SVG: `node scripts/renderIcon.mjs`;
// both files are committed (packaging needs no browser).
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'images/icon.svg'), 'utf8');
const profile = mkdtempSync(join(tmpdir(), 'icon-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || execSync('command -v chromium').toString().trim(),
  headless: true,
  viewport: { width: 128, height: 128 },
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await context.newPage();
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(root, 'images/icon.png'), omitBackground: true });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
