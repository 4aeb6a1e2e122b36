// Every finding code has its page, docs/codes/<code>.md (the page the editor, SARIF and the docs link
// to), and the pages are kept honest as ESLint's rule docs are: each states the code's default
// severity and whether it has a quick fix as the code says; its YAML examples are linted and must
// give exactly the codes their info string names (test/helpers/docExamples.ts); one example shows
// the code and one does not; and the silencing the page describes works on its failing example.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CODES, type Code } from '../../server/src/core/codes.ts';
import { codeDocumentationPath } from '../../server/src/core/describe/codeDocumentationUrl.ts';
import { FIXES } from '../../server/src/core/fixes/fixesFor.ts';
import { fencedBlocks, lintCodes, lintEntries, versionArgs, type DocExample } from '../helpers/docExamples.ts';

const ROOT = join(__dirname, '..', '..');
const CODES_DIR = join(ROOT, 'docs', 'codes');
const codes = Object.keys(CODES) as Code[];
const page = (code: Code): string => readFileSync(join(ROOT, codeDocumentationPath(code)), 'utf8');
const SECTIONS = ['## Why it matters', '## Kubernetes releases', '## Examples', '## Quick fix', '## Silence it'];

/** The text of a `## ` section, up to the next one. */
function section(markdown: string, heading: string): string {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at < 0) return '';
  const next = markdown.indexOf('\n## ', at + 1);
  return markdown.slice(at + heading.length + 2, next < 0 ? undefined : next).trim();
}

const examples = (code: Code): DocExample[] => fencedBlocks(page(code)).filter((b) => /^yaml\b/.test(b.info));

test('every code has a page in docs/codes, and every page there is a code', () => {
  const pages = readdirSync(CODES_DIR).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(pages, [...codes].sort());
});

test('each page: its title, default severity, quick-fix availability and sections', () => {
  for (const code of codes) {
    const text = page(code);
    const [title, , header] = text.split('\n');
    assert.equal(title, `# ${code}`, code);
    assert.ok(header?.startsWith(`Default severity: **${CODES[code].severity}**`), `${code}: the third line states the default severity ${CODES[code].severity}: ${header}`);
    let last = -1;
    for (const s of SECTIONS) {
      const at = text.indexOf(`\n${s}\n`);
      assert.ok(at > last, `${code}: "${s}" is missing or out of order`);
      last = at;
    }
    const fixable = FIXES[code] !== undefined;
    assert.equal(header?.endsWith(' · no quick fix'), !fixable, `${code}: the header says whether there is a quick fix`);
    assert.equal(section(text, '## Quick fix').startsWith('None'), !fixable, `${code}: "Quick fix" starts with "None" exactly when there is none`);
  }
});

test('each page has an example that gets its code and one that does not; every YAML block states what it gets', () => {
  for (const code of codes) {
    const blocks = examples(code);
    for (const b of blocks) assert.ok(b.expect !== undefined, `${code}.md:${b.line}: a yaml block needs expect=CODE[,CODE] or expect=none`);
    assert.ok(blocks.some((b) => b.expect?.includes(code)), `${code}: no example gets ${code}`);
    assert.ok(blocks.some((b) => b.expect !== undefined && !b.expect.includes(code)), `${code}: no example without ${code}`);
  }
});

test('every example gets exactly the codes its page says (kube-audit-policy lint -)', async () => {
  for (const code of codes) {
    for (const b of examples(code)) assert.deepEqual(await lintCodes(b), b.expect, `docs/codes/${code}.md:${b.line}`);
  }
});

/** The failing example with `# kube-audit-policy: disable-next-line CODE` above each line that has the code. */
async function withDisableComments(code: Code, b: DocExample): Promise<string> {
  const entries = await lintEntries(b.text, versionArgs(b.kubernetesVersion));
  const lines = b.text.split('\n');
  const at = [...new Set(entries.filter((e) => e.code === code).map((e) => e.range.start.line))].sort((x, y) => y - x);
  for (const line of at) lines.splice(line, 0, `${/^\s*/.exec(lines[line] ?? '')?.[0] ?? ''}# kube-audit-policy: disable-next-line ${code}`);
  return lines.join('\n');
}

test('silencing works as each page says: the comment on the line above, and severity off', async () => {
  for (const code of codes) {
    const silence = section(page(code), '## Silence it').replace(/\s+/g, ' ');
    const noComment = silence.includes('cannot be silenced by a comment');
    assert.ok(noComment || silence.includes(`\`# kube-audit-policy: disable-next-line ${code}\``), `${code}: "Silence it" names the comment`);
    assert.ok(silence.includes(`\`${code}: off\``) && silence.includes(`--severity ${code}=off`), `${code}: "Silence it" names the severity setting and option`);
    for (const b of examples(code).filter((x) => x.expect?.includes(code))) {
      const where = `docs/codes/${code}.md:${b.line}`;
      const commented = await lintCodes({ text: await withDisableComments(code, b), kubernetesVersion: b.kubernetesVersion });
      assert.equal(commented.includes(code), noComment, `${where}: with the comment above each finding, ${code} is ${noComment ? 'still' : 'no longer'} reported (got ${commented.join(', ')})`);
      assert.ok(!(await lintCodes(b, ['--severity', `${code}=off`])).includes(code), `${where}: --severity ${code}=off`);
    }
  }
});

test('docs/codes.md lists every code with its default severity and summary, in codes.ts order', () => {
  const rows = [...readFileSync(join(ROOT, 'docs', 'codes.md'), 'utf8').matchAll(/^\| \[`([a-z-]+)`\]\(codes\/([a-z-]+)\.md\) \| (\w+) \| (.+) \|$/gm)];
  assert.deepEqual(rows.map((m) => m[1]), codes);
  for (const [, code, file, severity, summary] of rows) {
    const info = CODES[code as Code];
    assert.equal(file, code);
    assert.equal(severity, info.severity, code);
    assert.equal(summary, info.summary, code);
  }
});
