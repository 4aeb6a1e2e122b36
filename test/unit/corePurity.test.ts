// The core is pure TypeScript: no editor, language-server or Node.js module may be imported under
// server/src/core, so the same analysis runs in the CLI, the server and tests without I/O.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';

const CORE = join(__dirname, '..', '..', 'server', 'src', 'core');
const FORBIDDEN = /^(vscode|vscode-languageserver.*|vscode-languageclient.*|node:.*|fs|fs\/promises|path|os|child_process|process|module|worker_threads|zlib|stream|http|https|net|crypto|url|util)$/;
// Import/export specifiers and require/dynamic import calls.
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;
// Node globals that do I/O or read the environment.
const GLOBALS = /\b(process\.(env|argv|exit|stdout|stderr|stdin|cwd)|__dirname|__filename|Buffer\.)/;

function* sourceFiles(dir: string): Iterable<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(p);
    else if (entry.name.endsWith('.ts')) yield p;
  }
}

function importsOf(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

test('the import scanner sees every import form', () => {
  const src = "import a from 'node:fs';\nimport { b } from \"vscode\";\nexport * from 'os';\nimport 'path';\nconst c = require('fs');\nconst d = await import('vscode-languageserver/node');\nimport type { E } from './e.ts';";
  assert.deepEqual(importsOf(src), ['node:fs', 'vscode', 'os', 'path', 'fs', 'vscode-languageserver/node', './e.ts']);
});

test('no file under server/src/core imports vscode, the language server or Node modules', () => {
  const files = [...sourceFiles(CORE)];
  assert.ok(files.length > 10, 'the core was found');
  const offences: string[] = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const spec of importsOf(source)) if (FORBIDDEN.test(spec)) offences.push(`${relative(CORE, file)} imports ${spec}`);
    const g = GLOBALS.exec(source.replace(/^\s*\/\/.*$/gm, ''));
    if (g) offences.push(`${relative(CORE, file)} uses ${g[0]}`);
  }
  assert.deepEqual(offences, []);
});

/** Type-only import and export statements: erased when compiled, so they make no circle at run time. */
const TYPE_ONLY = /^\s*(?:import|export)\s+type\s[^;]*;/gm;

/** The import circles among the TypeScript files under `root` (relative imports; type-only statements too unless `runtimeOnly`). */
function importCircles(root: string, runtimeOnly = false): string[] {
  const files = [...sourceFiles(root)];
  const source = (f: string): string => (runtimeOnly ? readFileSync(f, 'utf8').replace(TYPE_ONLY, '') : readFileSync(f, 'utf8'));
  const edges = new Map(files.map((f) => [f, importsOf(source(f)).filter((s) => s.startsWith('.')).map((s) => join(dirname(f), s))]));
  const circles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: readonly string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)).join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  return circles;
}

test('no import circle under server/src/core: shared types live where both sides can import them', () => {
  assert.deepEqual(importCircles(CORE), []);
});

test('no import circle at run time in the server, the CLI or the client either', () => {
  const ROOT = join(__dirname, '..', '..');
  for (const tree of ['server/src', 'client/src']) assert.deepEqual(importCircles(join(ROOT, tree), true), [], tree);
});
