// Property: in a JSON-lines file, every line is judged alone, whatever its neighbours are. A line
// that is an audit Event by itself (JSON.parse of the line + eventToAttributes) yields its event
// at its own line number; a line JSON.parse rejects yields an error at that line, with
// JSON.parse's message; any other line an error with eventToAttributes' message; blank lines
// nothing. The files are windows of the corpus logs, mutated at random (cut, split by a raw
// newline, a backslash before a newline, bytes inserted, replaced or deleted, lines glued,
// replaced or made blank, CRLF, an "items" member), read from standard input cut at random.
//
// Out of scope, by design (see splitLogRecords.ts): files the format guess may read as a list
// or as pretty-printed JSON. That is, a line that opens a value it does not close, and either is
// an array or holds an "items" member, or makes valid JSON with the lines after it up to where
// its brackets close; and a file of one line (it may be a list).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import fc from 'fast-check';
import { judgeAlone, readLogs } from '../helpers/readLogs.ts';

const LOGS = join(__dirname, '..', 'fixtures', 'corpus', 'logs');
const CORPUS = readdirSync(LOGS)
  .map((f) => readFileSync(join(LOGS, f), 'utf8').split('\n').filter((l) => l.trim() !== ''))
  .filter((lines) => lines.length > 1);

type Op = 'cut-end' | 'cut-start' | 'newline' | 'backslash-newline' | 'insert' | 'replace' | 'delete' | 'glue' | 'blank' | 'odd-line' | 'crlf' | 'items';
const OPS: readonly Op[] = ['cut-end', 'cut-start', 'newline', 'backslash-newline', 'insert', 'replace', 'delete', 'glue', 'blank', 'odd-line', 'crlf', 'items'];
const CHARS = ['"', '\\', '{', '}', '[', ']', ',', ':', '\0', '\t', 'x', '0', ' ', 'é'];
const ODD_LINES = ['not json at all', '[1,2]', '{"kind":"EventList","items":[]}', '\0\0\0\0', '{"verb":"get","requestURI":"/x","items":[]}', '"text"', '{', '}', '{"verb":'];

interface Mutation {
  readonly line: number;
  readonly op: Op;
  readonly at: number;
  readonly char: string;
  readonly odd: number;
}

function mutate(lines: readonly string[], mutations: readonly Mutation[]): string[] {
  const out = [...lines];
  for (const m of mutations) {
    const i = m.line % out.length;
    const l = out[i]!;
    const at = m.at % (l.length + 1);
    switch (m.op) {
      case 'cut-end': out[i] = l.slice(0, at); break;
      case 'cut-start': out[i] = l.slice(at); break;
      case 'newline': out[i] = `${l.slice(0, at)}\n${l.slice(at)}`; break;
      case 'backslash-newline': out[i] = `${l.slice(0, at)}\\\n${l.slice(at)}`; break;
      case 'insert': out[i] = l.slice(0, at) + m.char + l.slice(at); break;
      case 'replace': out[i] = l.slice(0, at) + m.char + l.slice(at + 1); break;
      case 'delete': out[i] = l.slice(0, at) + l.slice(at + 1); break;
      case 'glue': if (i + 1 < out.length) out.splice(i, 2, l + out[i + 1]!); break;
      case 'blank': out[i] = m.char === ' ' || m.char === '\t' ? m.char : ''; break;
      case 'odd-line': out[i] = ODD_LINES[m.odd % ODD_LINES.length]!; break;
      case 'crlf': out[i] = `${l}\r`; break;
      case 'items': out[i] = l.replace('{', '{"items":[],'); break;
    }
  }
  return out.join('\n').split('\n');
}

/** What the line alone is: nothing (blank), an Event (its attributes) or an error (its message), as the reader reports it. */
function reference(text: string): { attributes: unknown } | { error: string } | undefined {
  const l = text.endsWith('\r') ? text.slice(0, -1) : text;
  return /^[ \t\r]*$/.test(l) ? undefined : judgeAlone(l);
}

const OPENERS = '{[';
const CLOSERS = '}]';

/**
 * Whether the line starts an object or array that closes on it, as the format guess sees it:
 * matching brackets, and strings without raw control characters.
 */
function closesOnLine(text: string): boolean {
  const open: string[] = [];
  for (let i = text.length - text.trimStart().length, inString = false; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c < ' ') return false;
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (OPENERS.includes(c)) open.push(c);
    else if (CLOSERS.includes(c)) {
      if (open.pop() !== OPENERS[CLOSERS.indexOf(c)]) return false;
      if (open.length === 0) return true;
    }
  }
  return false;
}

/** Where the value at the start of `text` ends when read as pretty-printed JSON (its depth back at 0), or -1. */
function valueEnd(text: string): number {
  let depth = 0;
  for (let i = 0, inString = false; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c) && --depth === 0) return i + 1;
  }
  return -1;
}

const hasItemsKey = (text: string): boolean =>
  [...text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)].some((m) => {
    try {
      return JSON.parse(`"${m[1]}"`) === 'items';
    } catch {
      return false;
    }
  });

/** Whether the format guess may read the file as something other than JSON lines (see the top). */
function mayBeList(lines: readonly string[]): boolean {
  if (lines.filter((l) => reference(l) !== undefined).length < 2) return true;
  return lines.some((l, i) => {
    const first = l.trimStart()[0];
    if ((first !== '{' && first !== '[') || closesOnLine(l)) return false;
    if (first === '[' || hasItemsKey(l)) return true;
    const text = lines.slice(i, i + 20).join('\n').trimStart();
    const end = valueEnd(text);
    try {
      return end >= 0 && JSON.parse(text.slice(0, end)) !== undefined;
    } catch {
      return false;
    }
  });
}

const file = fc.record({
  log: fc.nat(),
  from: fc.nat(),
  count: fc.integer({ min: 2, max: 30 }),
  mutations: fc.array(
    fc.record({ line: fc.nat(), op: fc.constantFrom(...OPS), at: fc.nat(), char: fc.constantFrom(...CHARS), odd: fc.nat() }),
    { minLength: 1, maxLength: 8 },
  ),
  finalNewline: fc.boolean(),
  cuts: fc.uniqueArray(fc.nat(), { maxLength: 6 }),
});

test('every line of a JSON-lines file is judged alone, whatever its neighbours', async () => {
  await fc.assert(
    fc.asyncProperty(file, async ({ log, from, count, mutations, finalNewline, cuts }) => {
      const corpus = CORPUS[log % CORPUS.length]!;
      const start = from % corpus.length;
      const lines = mutate(corpus.slice(start, start + count), mutations);
      fc.pre(!mayBeList(lines));
      const bytes = Buffer.from(lines.join('\n') + (finalNewline ? '\n' : ''));
      const at = [...new Set(cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
      const chunks = [0, ...at].map((c, k, all) => bytes.subarray(c, all[k + 1] ?? bytes.length)).filter((c) => c.length > 0);
      const { records, result } = await readLogs(['-'], { stdin: Readable.from(chunks), parallel: { workers: 0 } });
      // The reader sees the text as UTF-8 bytes: the reference reads the same characters.
      const expected = lines.flatMap((l, i) => {
        const r = reference(Buffer.from(l).toString('utf8'));
        return r === undefined ? [] : [{ line: i + 1, ...r }];
      });
      const got = records.map((r) => ('error' in r ? { line: r.line, error: r.error } : { line: r.line, attributes: r.attributes }));
      assert.deepEqual(result.inputErrors, []);
      assert.deepEqual(got, expected);
    }),
    // Bounded in time (shrinking included): the unit suite runs it on every change.
    { numRuns: 200, interruptAfterTimeLimit: 10_000 },
  );
});
