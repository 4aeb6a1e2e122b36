// The format guess never costs an event, records name the line (or item) they are, and objects
// are what JSON.parse makes of them: a broken first line before a line that is not JSON, a list
// on the first line of JSON lines, raw newlines inside strings, "items" twice or escaped, audit
// Events that carry an "items" array. Every case is read in-thread and on a worker, and split
// with the input cut at every byte.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { readAuditLogs } from '../../server/src/io/readAuditLogs.ts';
import { splitLogRecords } from '../../server/src/io/splitLogRecords.ts';
import { ReplayIndex } from '../../server/src/core/replay/replayIndex.ts';
import { bucketRows, check, auditEvent as ev, eventLine as line, type Expected, recordingSink } from '../helpers/readLogs.ts';

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);
const linesOf = (text: string): number => text.split('\n').length;
const INVALID = /^invalid JSON: /;

/** What the splitting makes of `chunks`, record by record (held records withdrawn as the reader does). */
async function split(chunks: readonly Buffer[], maxEventBytes = 1 << 20): Promise<string[]> {
  const out: string[] = [];
  await splitLogRecords(Readable.from(chunks), recordingSink(out), { maxEventBytes });
  return out;
}

/** The input cut into two at every byte, and byte by byte: the records never change. */
async function checkCuts(label: string, text: string, maxEventBytes?: number): Promise<void> {
  const bytes = Buffer.from(text);
  const whole = await split([bytes], maxEventBytes);
  for (let cut = 1; cut < bytes.length; cut++) {
    assert.deepEqual(await split([bytes.subarray(0, cut), bytes.subarray(cut)], maxEventBytes), whole, `${label}: cut at ${cut}`);
  }
  assert.deepEqual(await split([...bytes].map((b) => Buffer.from([b])), maxEventBytes), whole, `${label}: byte by byte`);
}

// The reproduction: before, the whole file was one unclosed pretty-printed value.
const BROKEN_THEN_TEXT = `{"kind": "Event", "user": {"username": "x"}\nnot json at all\n${line('get')}\n${line('list')}\n`;

const GUESS: readonly (readonly [string, string, readonly Expected[]])[] = [
  ['a broken first line, then a line that is not JSON, then events', BROKEN_THEN_TEXT, [[1, INVALID], [2, INVALID], [3, 'get'], [4, 'list']]],
  ['a broken first line and blank lines before the events', `{"verb":"get","a":[\n\n  \nnot json\n\n${line('get')}\n`, [[1, INVALID], [4, INVALID], [6, 'get']]],
  [
    'the first lines close an object that is not JSON',
    `{"kind":"Event",\n"verb": x}\n${line('get')}\n${line('list')}\n`,
    [[1, INVALID], [2, INVALID], [3, 'get'], [4, 'list']],
  ],
  [
    'the first lines close an object, and the line goes on',
    `{"verb":"get",\n"requestURI": x} ${line('watch')}\n${line('get')}\n`,
    [[1, INVALID], [2, INVALID], [3, 'get']],
  ],
  [
    'blank lines, then a broken line and one that is not JSON',
    `\n\n{"verb":"get",\n"x": 1 2}\n${line('get')}\n`,
    [[3, INVALID], [4, INVALID], [5, 'get']],
  ],
  [
    'a pretty-printed file whose first event is broken: its lines are reported, the next events read',
    `{\n  "verb": "get",\n  "requestURI": "/a" "b"\n}\n${pretty(ev('list'))}\n${pretty(ev('watch'))}\n`,
    [[1, INVALID], [2, INVALID], [3, INVALID], [4, INVALID], [5, 'list'], [5 + linesOf(pretty(ev('list'))), 'watch']],
  ],
  ['a broken first line alone', '{"kind":"Event","verb":"get","requestURI":', [[1, INVALID]]],
  ['a broken first line and garbage, nothing else', '{"verb":\nnot json', [[1, INVALID], [2, INVALID]]],
];

for (const [label, text, expected] of GUESS) test(`format guess: ${label}`, () => check(label, text, expected));

test('format guess: a first value that grows past the event limit unclosed is read as lines', async () => {
  const text = `{"verb":"get","a":{\nnot json\n${Array.from({ length: 40 }, (_, i) => line(`v${i}`)).join('\n')}\n`;
  await check('past the limit', text, [[1, INVALID], [2, INVALID], ...Array.from({ length: 40 }, (_, i): Expected => [i + 3, `v${i}`])], 2048);
});

test('format guess: pretty-printed single Events and EventLists still read as values', async () => {
  await check('one pretty event', pretty(ev('get')), [[1, 'get']]);
  await check('a pretty event with a nested list', pretty(ev('get', { requestObject: { items: [1, 2] } })), [[1, 'get']]);
  const list = pretty({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [ev('get'), ev('list')] });
  await check('a pretty EventList', list, [[1, 'get'], [2, 'list']]);
  await check('an EventList whose items start on the first line', `{"kind":"EventList","items":[${line('get')},\n${line('list')}]}`, [[1, 'get'], [2, 'list']]);
});

test('format guess: the same records wherever the input is cut', async () => {
  await checkCuts('broken first line', BROKEN_THEN_TEXT);
  await checkCuts('first value closes invalid', `{"verb":"get",\n"x": y}\n${line('get')}\n`);
  await checkCuts('pretty file with a broken first event', `{\n"verb": "get" "x"\n}\n${pretty({ verb: 'list', requestURI: '/x' })}\n`);
  await checkCuts('past the limit', `{"verb":"get","a":{\nx\n${line('a')}\n${line('b')}\n${line('c')}\n`, 300);
});

const NUMBERING: readonly (readonly [string, string, readonly Expected[]])[] = [
  [
    'a JSON-lines file whose first line is a JSON array: that line is one record, like any other',
    `[1,2]\n${line('get')}\n${line('list')}\n`,
    [[1, /expected a JSON object, got an array/], [2, 'get'], [3, 'list']],
  ],
  [
    'a JSON-lines file whose first line is an array of events: it is not an Event',
    `[${line('get')},${line('list')}]\n${line('watch')}\n`,
    [[1, /expected a JSON object, got an array/], [2, 'watch']],
  ],
  [
    'a JSON-lines file whose first line is an EventList: it is not an Event',
    `${JSON.stringify({ kind: 'EventList', items: [ev('get')] })}\n${line('list')}\n`,
    [[1, /this is an EventList; pass its items/], [2, 'list']],
  ],
  [
    'a raw newline inside a string of a pretty-printed value: later values keep their lines',
    `${pretty(ev('get'))}\n{\n  "verb": "list",\n  "requestURI": "/a\nb"\n}\n${pretty(ev('watch'))}\n`,
    [[1, 'get'], [linesOf(pretty(ev('get'))) + 1, INVALID], [linesOf(pretty(ev('get'))) + 6, 'watch']],
  ],
  [
    'a backslash before a newline inside a string of a pretty-printed value: later values keep their lines',
    `${pretty(ev('get'))}\n{\n  "verb": "list",\n  "requestURI": "/a\\\nb"\n}\n${pretty(ev('watch'))}\n`,
    [[1, 'get'], [linesOf(pretty(ev('get'))) + 1, INVALID], [linesOf(pretty(ev('get'))) + 6, 'watch']],
  ],
  [
    'raw newlines inside strings of a list item: the values after the list keep their lines',
    `[\n${line('get')},\n{"verb":"list","requestURI":"/a\n\nb"}\n]\n${pretty(ev('watch'))}\n`,
    [[1, 'get'], [2, INVALID], [7, 'watch']],
  ],
  [
    'a list after another value: its items are numbered by the line they start on',
    `${pretty(ev('get'))}\n${pretty([ev('list'), ev('watch')])}\n`,
    [[1, 'get'], [linesOf(pretty(ev('get'))) + 2, 'list'], [linesOf(pretty(ev('get'))) + 2 + linesOf(pretty(ev('list'))), 'watch']],
  ],
  [
    'two lists: the first by position, the second by line',
    `${pretty([ev('get'), ev('list')])}\n${pretty({ kind: 'EventList', items: [ev('watch')] })}\n`,
    [[1, 'get'], [2, 'list'], [linesOf(pretty([ev('get'), ev('list')])) + 4, 'watch']],
  ],
];

for (const [label, text, expected] of NUMBERING) test(`numbering: ${label}`, () => check(label, text, expected));

test('numbering: the same records wherever the input is cut', async () => {
  for (const [label, text] of NUMBERING.slice(3, 6)) await checkCuts(label, text);
});

const LISTS: readonly (readonly [string, string, readonly Expected[]])[] = [
  ['"items" twice: the last one is read (compact)', `{"kind":"EventList","items":[${line('get')}],"items":[${line('list')},${line('watch')}]}`, [[1, 'list'], [2, 'watch']]],
  [
    '"items" twice: the last one is read (pretty)',
    `{\n  "kind": "EventList",\n  "items": [\n${line('get')}\n  ],\n  "metadata": {},\n  "items": [\n${line('list')}\n  ]\n}\n`,
    [[1, 'list']],
  ],
  ['"items" twice, the last not an array: no list, and the object is not an Event', `{"kind":"EventList","items":[${line('get')}],"items":5}`, [[1, /this is an EventList; pass its items/]]],
  ['an escaped "items" key', `{"kind":"EventList","\\u0069tems":[${line('get')}]}`, [[1, 'get']]],
  ['"items" spelled with escapes only, pretty', `{\n"kind": "EventList",\n"\\u0069\\u0074\\u0065\\u006d\\u0073": [\n${line('get')}\n]\n}`, [[1, 'get']]],
  ['an escaped key that is not "items"', `{"kind":"EventList","\\u0069tem":[${line('get')}]}`, [[1, /this is an EventList; pass its items/]]],
  ['an audit Event with an "items" array is one event (the whole input)', line('get', { items: [ev('list')] }), [[1, 'get']]],
  ['an audit Event with an "items" array is one event (pretty)', pretty(ev('get', { items: [ev('list'), 3] })), [[1, 'get']]],
  ['an audit Event with an empty "items" array on the first line of JSON lines', `${line('get', { items: [] })}\n${line('list')}\n`, [[1, 'get'], [2, 'list']]],
  ['an empty EventList on the first line of JSON lines is reported, not dropped', `{"kind":"EventList","items":[]}\n${line('list')}\n`, [[1, /this is an EventList; pass its items/], [2, 'list']]],
  ['a list without kind is a list', pretty({ items: [ev('get'), ev('list')] }), [[1, 'get'], [2, 'list']]],
  ['a list whose other members are broken: its items are still read one by one', `{"kind":"EventList","metadata":{"a":tru},"items":[${line('get')},${line('list')}]}`, [[1, 'get'], [2, 'list']]],
  ['a list cut short: the items before the cut, then the error', `{"kind":"EventList","items":[${line('get')},${line('list')},{"verb":`, [[1, 'get'], [2, 'list'], [3, /unexpected end of input/]]],
];

for (const [label, text, expected] of LISTS) test(`lists: ${label}`, () => check(label, text, expected));

test('lists: the same records wherever the input is cut', async () => {
  for (const [label, text] of LISTS.slice(0, 6)) await checkCuts(label, text);
  await checkCuts('an Event with items', pretty(ev('get', { items: [ev('list')] })));
});

test('lists: larger than the event limit, still read item by item, the last "items" winning', async () => {
  const items = (prefix: string): string => Array.from({ length: 12 }, (_, i) => line(`${prefix}${i}`)).join(',\n');
  const text = `{"kind":"EventList",\n"items":[\n${items('a')}\n],\n"items":[\n${items('b')}\n]}`;
  await check('big list', text, Array.from({ length: 12 }, (_, i): Expected => [i + 1, `b${i}`]), 1024);
  await checkCuts('big list', text, 1024);
});

test('lists: items withdrawn with their requests first seen: the index is what the kept items make', async () => {
  // "get" and "list" are first seen in the items replaced; the kept ones use them again.
  const text = `{"kind":"EventList","items":[${line('get')},${line('list')},${line('patch')}],"items":[${line('list')},${line('get')},${line('get')}]}`;
  const expected = new ReplayIndex();
  await readAuditLogs(['-'], expected, { stdin: Readable.from([Buffer.from(JSON.stringify([ev('list'), ev('get'), ev('get')]))]) });
  for (const onRecord of [undefined, () => undefined]) {
    const index = new ReplayIndex();
    await readAuditLogs(['-'], index, { stdin: Readable.from([Buffer.from(text)]), onRecord });
    assert.deepEqual([index.keys, bucketRows(index), index.events, index.errorCount], [expected.keys, bucketRows(expected), 3, 0]);
  }
});

test('lists: an audit Event with an "items" array weighs its whole serialized size', async () => {
  const withItems = pretty(ev('get', { items: [ev('list'), ev('watch')] }));
  const before = pretty(ev('list'));
  for (const values of [[withItems], [before, withItems]]) {
    const index = new ReplayIndex();
    await readAuditLogs(['-'], index, { stdin: Readable.from([Buffer.from(values.join('\n'))]) });
    assert.deepEqual([index.events, index.errorCount], [values.length, 0]);
    assert.equal(
      bucketRows(index).reduce((n, row) => n + row[3]!, 0),
      values.reduce((n, v) => n + Buffer.byteLength(v), 0),
    );
  }
});
