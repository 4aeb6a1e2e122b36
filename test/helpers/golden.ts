// Golden files for protocol tests: test/protocol/goldens/<name>.json holds the expected payload;
// UPDATE_GOLDENS=1 rewrites it from the actual one. Both transports compare against the same file.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, 'goldens');

export function checkGolden(name: string, actual: unknown): void {
  const path = join(DIR, `${name}.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env['UPDATE_GOLDENS'] === '1') {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, text);
    return;
  }
  assert.ok(existsSync(path), `golden ${path} is missing: run with UPDATE_GOLDENS=1 and review it`);
  assert.deepEqual(JSON.parse(text), JSON.parse(readFileSync(path, 'utf8')), `golden ${name}`);
}
