// Every code in codes.ts (the single list) has its own README section, `### code`, which is the
// anchor the editor and SARIF link to; and the README documents no code that does not exist.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CODES } from '../../server/src/core/codes.ts';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const start = README.indexOf('\n## Diagnostic codes\n');
const end = README.indexOf('\n## ', start + 1);
const section = start < 0 ? '' : README.slice(start, end < 0 ? undefined : end);
const headings = [...section.matchAll(/^### (\S+)\s*$/gm)].map((m) => m[1] as string);

test('the README has a Diagnostic codes section', () => assert.ok(section.length > 0));

test('every code has a ### section with its default severity and a fix', () => {
  for (const [code, info] of Object.entries(CODES)) {
    const at = section.indexOf(`\n### ${code}\n`);
    assert.ok(at >= 0, `README lacks "### ${code}"`);
    const next = section.indexOf('\n### ', at + 1);
    const body = section.slice(at, next < 0 ? undefined : next);
    assert.ok(body.includes(`**${info.severity}.**`), `${code}: the section must state the default severity ${info.severity}`);
    assert.ok(body.includes('*Fix:*'), `${code}: the section must say how to fix it`);
  }
});

test('no section documents a code that does not exist, or twice', () => {
  assert.deepEqual(headings.filter((h) => !(h in CODES)), []);
  assert.equal(new Set(headings).size, headings.length);
});
