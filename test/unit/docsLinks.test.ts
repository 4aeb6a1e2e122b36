// The documentation holds together: the README stays short and starts with the two set-up commands,
// every relative link and image in the Markdown files points at a file (and a heading) that exists,
// every feature-tour screenshot is shown somewhere, and the code pages, which the extension opens
// offline from its own folder, link only to pages shipped beside them.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const markdownUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join(dir, f)).sort();
const DOCS = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md', ...markdownUnder('docs'), ...markdownUnder('client/walkthrough')];

/** The text without fenced blocks and inline code, where brackets are not links. */
const prose = (markdown: string): string => markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[^`\n]*?\1/g, '');

/** Relative link and image targets (web addresses, mail and in-page-only links aside). */
function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1] as string)
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** GitHub's anchors for the headings of a page: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const withoutCode = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = (m[1] as string).replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

test('README.md is at most 250 lines and opens with the two set-up commands', () => {
  const readme = read('README.md');
  const lines = readme.split('\n');
  assert.ok(lines.length <= 250, `README.md has ${lines.length} lines`);
  const top = lines.slice(0, 20);
  assert.ok(top.some((l) => /^npm start\s+#/.test(l)), 'npm start in the first 20 lines');
  assert.ok(top.some((l) => /^npm test\s+#/.test(l)), 'npm test in the first 20 lines');
});

test('every relative link and image points at a file that exists, and a heading that exists', () => {
  const broken: string[] = [];
  for (const file of DOCS) {
    for (const target of links(read(file))) {
      const [path = '', anchor] = target.split('#');
      const resolved = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)));
      if (!existsSync(join(ROOT, resolved))) {
        broken.push(`${file}: ${target} (no ${resolved})`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor)) broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
    }
  }
  assert.deepEqual(broken, []);
});

test('the link checker sees links, images and anchors, and skips code', () => {
  assert.deepEqual(links('[a](x.md) ![i](img/p.png) [w](https://e.org) `[c](code.md)` [t](y.md#h "title")\n```\n[f](fenced.md)\n```\n'), ['x.md', 'img/p.png', 'y.md#h']);
  assert.deepEqual([...anchors('# The `lint` command\n## A: b (c, d)\n## A: b (c, d)\n```\n# not\n```\n')], ['the-lint-command', 'a-b-c-d', 'a-b-c-d-1']);
});

test('every feature-tour screenshot is shown in the README or in docs/', () => {
  const shown = DOCS.flatMap((file) => links(read(file)).map((t) => normalize(join(dirname(file), t))));
  const shots = readdirSync(join(ROOT, 'test/e2e/screenshots')).map((f) => join('test/e2e/screenshots', f));
  assert.deepEqual(shots.filter((s) => !shown.includes(s)), []);
  for (const s of shots) assert.ok(statSync(join(ROOT, s)).size > 10_000, `${s} is a real screenshot`);
});

test('code pages link only to pages inside docs/, which the extension ships beside them', () => {
  for (const file of markdownUnder('docs/codes')) {
    for (const target of links(read(file))) {
      const resolved = relative('docs', normalize(join(dirname(file), target.split('#')[0] ?? '')));
      assert.ok(!resolved.startsWith('..'), `${file}: ${target} leaves docs/`);
    }
  }
});

test('the README and docs/index.md leave room for the pages other work brings: review a change, logs at scale', () => {
  for (const file of ['README.md', 'docs/index.md']) {
    const text = read(file);
    assert.match(text, /^## Review a change \(diff, policy tests\)$/m, file);
    assert.match(text, /^## Logs at scale \(ClickHouse SQL\)$/m, file);
    const targets = links(text).map((t) => normalize(join(dirname(file), t)));
    for (const page of ['docs/diff.md', 'docs/policy-tests.md', 'docs/ci.md', 'docs/sql.md']) assert.ok(targets.includes(page), `${file} links ${page}`);
  }
});
