// The example workspace (npm start, editor tests) keeps its provenance: every policy and log in it is
// a byte-for-byte copy of a corpus file, and its README names every file it holds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { exampleWorkspace, repoRoot } from './paths.mjs';

const corpus = path.join(repoRoot, 'test/fixtures/corpus');
const files = fs.readdirSync(exampleWorkspace, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile())
  .map((d) => path.relative(exampleWorkspace, path.join(d.parentPath ?? d.path, d.name)));

test('policies/ and logs/ are verbatim corpus copies', () => {
  const copies = files.filter((f) => /^(policies|logs)\//.test(f));
  assert.ok(copies.length >= 5);
  for (const f of copies) assert.ok(fs.readFileSync(path.join(exampleWorkspace, f)).equals(fs.readFileSync(path.join(corpus, f))), `${f} differs from the corpus`);
});

test('the workspace README names every file', () => {
  const readme = fs.readFileSync(path.join(exampleWorkspace, 'README.md'), 'utf8');
  for (const f of files.filter((x) => x !== 'README.md')) assert.ok(readme.includes(f), `README.md mentions ${f}`);
});
