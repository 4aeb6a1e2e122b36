// The replay log reader: formats (JSON lines, EventList, JSON array, pretty-printed events),
// gzip by magic bytes, stdin, several files in order, and a clear report for every bad input:
// corrupt lines with their line (or item position), truncated gzip, binary files, directories,
// missing files, oversized events. Nothing is silently dropped.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { BatchBuilder } from '../../server/src/io/batchBuilder.ts';
import { LineSplitter } from '../../server/src/io/lineSplitter.ts';
import { ValueSplitter } from '../../server/src/io/valueSplitter.ts';
import { check, auditEvent as ev, eventLine as line, type Expected, readLogs, recordingSink, summary, tempFile } from '../helpers/readLogs.ts';

const FORMATS: readonly (readonly [string, string | Buffer, readonly Expected[]])[] = [
  ['JSON lines', `${line('get')}\n${line('list')}\n`, [[1, 'get'], [2, 'list']]],
  ['no final newline', `${line('get')}\n${line('list')}`, [[1, 'get'], [2, 'list']]],
  ['blank lines produce nothing but count', `\n${line('get')}\n   \n\r\n${line('list')}\n\n`, [[2, 'get'], [5, 'list']]],
  ['CRLF line ends', `${line('get')}\r\n${line('list')}\r\n`, [[1, 'get'], [2, 'list']]],
  ['UTF-8 byte-order mark', `\uFEFF${line('get')}\n`, [[1, 'get']]],
  ['an event spread over two lines is two broken lines', `${line('get')}\n{"kind":"Event","verb":"list","requestURI":"/x","a":[\n1]}\n${line('get')}\n${line('get')}\n`, [[1, 'get'], [2, /^invalid JSON: /], [3, /^invalid JSON: /], [4, 'get'], [5, 'get']]],
  ['a corrupt line between good ones', `${line('get')}\n{"verb": "list", "user": \n${line('watch')}\n`, [[1, 'get'], [2, /^invalid JSON: /], [3, 'watch']]],
  ['a first line that is broken, then events', `{"kind":"Event","verb":\n${line('get')}\n`, [[1, /^invalid JSON: /], [2, 'get']]],
  ['two events glued on one line', `${line('get')}${line('list')}\n`, [[1, /^invalid JSON: /]]],
  ['JSON that is not an Event', `{"kind": 0}\n[1,2]\n"text"\n${line('get')}\n`, [[1, /kind must be "Event"/], [2, /expected a JSON object, got an array/], [3, /got string "text"/], [4, 'get']]],
  ['not JSON at all', 'hello world\n', [[1, /^invalid JSON: /]]],
  ['EventList, compact on one line', JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items: [ev('get'), ev('list')] }), [[1, 'get'], [2, 'list']]],
  ['EventList, pretty-printed with items last', JSON.stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'EventList', metadata: { resourceVersion: '1' }, items: [ev('get'), ev('list'), ev('watch')] }, null, 2), [[1, 'get'], [2, 'list'], [3, 'watch']]],
  ['EventList, kubectl style (items before kind)', JSON.stringify({ apiVersion: 'v1', items: [ev('get')], kind: 'List', metadata: { x: { items: [1] } } }, null, 4), [[1, 'get']]],
  ['EventList with no items', '{"kind":"EventList","items":[]}', []],
  ['EventList item that is not an Event is counted by position', JSON.stringify({ kind: 'EventList', items: [ev('get'), 42, { kind: 'Pod' }, ev('list')] }), [[1, 'get'], [2, /expected a JSON object, got number 42/], [3, /kind must be "Event"/], [4, 'list']]],
  ['JSON array of events', JSON.stringify([ev('get'), ev('list')]), [[1, 'get'], [2, 'list']]],
  ['JSON array, pretty', JSON.stringify([ev('get'), ev('list')], null, 2), [[1, 'get'], [2, 'list']]],
  ['JSON array of scalars', '[1, "a", null, true]', [[1, /number 1/], [2, /string "a"/], [3, /got null/], [4, /boolean true/]]],
  ['JSON array cut short', `[${line('get')}, {"verb": "li`, [[1, 'get'], [2, /unexpected end of input/]]],
  ['a JSON array, then a pretty-printed event (numbered by its first line: the lines of the items count)', `${JSON.stringify([ev('get'), ev('list')], null, 2)}\n${JSON.stringify(ev('watch'), null, 2)}\n`, [[1, 'get'], [2, 'list'], [JSON.stringify([ev('get'), ev('list')], null, 2).split('\n').length + 1, 'watch']]],
  ['a pretty-printed event, then another (numbered by first line)', `${JSON.stringify(ev('get'), null, 2)}\n${JSON.stringify(ev('list'), null, 2)}\n`, [[1, 'get'], [JSON.stringify(ev('get'), null, 2).split('\n').length + 1, 'list']]],
  ['braces and quotes inside strings', `${line('get', { annotations: { a: '}{"items":[', b: 'x\\"}' } })}\n`, [[1, 'get']]],
  ['bodies with nested structure', `${line('create', { requestObject: { kind: 'Pod', spec: { containers: [{ name: 'a', args: ['{', ']'] }] } }, responseObject: { a: [[[]]] } })}\n`, [[1, 'create']]],
  ['a raw control character inside a string is not JSON', '{"verb":"g\tet","requestURI":"/x"}\n{"verb":"get","requestURI":"/x","userAgent":"a\u0001b"}\n', [[1, /^invalid JSON: /], [2, /^invalid JSON: /]]],
  ['a bad literal in a field nobody reads', '{"verb":"get","requestURI":"/x","code":tru}\n{"verb":"get","requestURI":"/x","a":hello}\n', [[1, /^invalid JSON: /], [2, /^invalid JSON: /]]],
  ['literals and numbers in fields nobody reads', '{"verb":"get","requestURI":"/x","a":true,"b":false,"c":null,"d":-1.5e+3}\n', [[1, 'get']]],
  ['nesting deeper than the scanner (or JSON.stringify) follows', `{"verb":${'['.repeat(100000)}${']'.repeat(100000)},"requestURI":"/x"}\n{"verb":"get","requestURI":"/x","requestObject":${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}}\n${line('list')}\n`, [[1, /"verb" must be a string, got an array/], [2, 'get'], [3, 'list']]],
  ['a body with mismatched brackets', '{"verb":"get","requestURI":"/x","requestObject":{"a":[1}}\n', [[1, /^invalid JSON: /]]],
  ['an escaped key is read as JSON.parse reads it', '{"\\u0076erb":"get","requestURI":"/x"}\n', [[1, 'get']]],
  ['a repeated key: the last one wins', '{"verb":"get","requestURI":"/x","verb":"list"}\n', [[1, 'list']]],
  ['a repeated user: the last one wins', '{"verb":"get","requestURI":"/x","user":{"username":"a","groups":["g"]},"user":{"username":"b"}}\n', [[1, 'get']]],
  ['unicode and escapes in values', `${JSON.stringify(ev('get', { requestURI: '/api/é?x=1&y=2' })).replace('&', '\\u0026')}\n`, [[1, 'get']]],
];

for (const [label, content, expected] of FORMATS) test(label, () => check(label, content, expected));

test('the user of a repeated user key is the last one', async () => {
  const path = tempFile('dup-user.log', '{"verb":"get","requestURI":"/x","user":{"username":"a","groups":["g"]},"user":{"username":"b"}}\n');
  const { records } = await readLogs([path]);
  assert.deepEqual('attributes' in records[0]! && records[0].attributes.user, { name: 'b', groups: [] });
});

test('gzip is detected by its magic bytes, whatever the file name', async () => {
  await check('gzip without .gz', gzipSync(`${line('get')}\n${line('list')}\n`), [[1, 'get'], [2, 'list']]);
  const multi = Buffer.concat([gzipSync(`${line('get')}\n`), gzipSync(`${line('list')}\n`)]);
  await check('rotated logs concatenated (multi-member gzip)', multi, [[1, 'get'], [2, 'list']]);
  await check('gzipped EventList', gzipSync(JSON.stringify({ kind: 'EventList', items: [ev('get')] })), [[1, 'get']]);
});

test('a truncated gzip is an input error; the events before it and the cut line are reported', async () => {
  const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => line(`v${i}`)).join('\n'));
  const path = tempFile('truncated.log.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
  const { records, result } = await readLogs([path], { parallel: { workers: 0 } });
  // The worker path reports exactly the same, up to the cut.
  assert.deepEqual((await readLogs([path], { parallel: { workers: 1, minBytes: 0 } })).records, records);
  assert.deepEqual(result.inputErrors, [{ file: path, line: null, message: 'truncated gzip data (the file ends inside the compressed stream)' }]);
  const events = records.filter((r) => 'attributes' in r);
  assert.ok(events.length > 100, `${events.length} events before the cut`);
  events.forEach((r, i) => assert.equal(r.line, i + 1));
  const errors = records.filter((r) => 'error' in r);
  assert.equal(errors.at(-1)?.line, null);
  // Unless the cut fell exactly on a line end, the partial line is reported as well.
  assert.ok(errors.length >= 1 && errors.length <= 2);
});

test('whole-input problems: missing file, directory, binary data, other compressions', async () => {
  const dir = dirname(tempFile('placeholder.log', ''));
  const cases: readonly (readonly [string, RegExp])[] = [
    [join(dir, 'missing.log'), /^no such file$/],
    [dir, /^is a directory, not a log file$/],
    [tempFile('binary.log', Buffer.from([0x7b, 0x00, 0x01, 0x02, 0xff])), /^binary data \(a NUL byte at offset 1\), not a JSON audit log$/],
    [tempFile('log.zst', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0])), /^zstd-compressed data; only gzip is read/],
    [tempFile('log.bz2', Buffer.from('BZh91AY&SY')), /^bzip2-compressed data/],
  ];
  for (const [path, message] of cases) {
    const { records, result } = await readLogs([path]);
    assert.equal(result.inputErrors.length, 1, path);
    assert.match(result.inputErrors[0]!.message, message);
    assert.deepEqual(records, [{ file: path, line: null, error: result.inputErrors[0]!.message }]);
  }
});

test('an empty file reads as nothing', async () => {
  const { records, result } = await readLogs([tempFile('empty.log', '')]);
  assert.deepEqual([records, result.inputErrors], [[], []]);
});

test('several files are read in order, and a bad one does not stop the others', async () => {
  const a = tempFile('a.log', `${line('get')}\n`);
  const b = tempFile('b.log', `${line('list')}\n${line('watch')}\n`);
  const missing = join(tmpdir(), 'kap-no-such-file.log');
  const { records, index } = await readLogs([a, missing, b]);
  assert.deepEqual(
    records.map((r) => [r.file, r.line, 'error' in r ? r.error : r.attributes.verb]),
    [[a, 1, 'get'], [missing, null, 'no such file'], [b, 1, 'list'], [b, 2, 'watch']],
  );
  assert.deepEqual(index.files, [a, missing, b]);
  assert.equal(index.events, 3);
  assert.equal(index.errorCount, 1);
});

test('"-" reads standard input', async () => {
  const text = Buffer.from(`${line('get')}\n${line('list')}\n`);
  // Split mid-event: a line may span chunks.
  const stdin = Readable.from([text.subarray(0, text.length - 20), text.subarray(text.length - 20)]);
  const { records } = await readLogs(['-'], { stdin });
  assert.deepEqual(summary(records), [[1, 'get'], [2, 'list']]);
});

test('an event larger than the limit is reported, not read, and the next one is', async () => {
  const big = line('create', { requestObject: { data: 'x'.repeat(5000) } });
  for (const [label, content] of [
    ['JSON lines', `${line('get')}\n${big}\n${line('list')}\n`],
    ['array', `[${line('get')},${big},${line('list')}]`],
  ] as const) {
    await check(`huge ${label}`, content, [[1, 'get'], [2, /larger than|longer than/], [3, 'list']], 1024);
  }
  // A huge line read in many chunks: memory stays bounded by the limit.
  const chunks = Buffer.from(`${line('get')}\n${'x'.repeat(3 << 20)}\n${line('list')}\n`);
  await check('a 3 MiB line of garbage', chunks, [[1, 'get'], [2, /longer than 1 MiB/], [3, 'list']], 1 << 20);
});

test('progress reports bytes and events; an abort stops the reading', async () => {
  const content = Array.from({ length: 30000 }, (_, i) => line(`v${i % 7}`)).join('\n');
  const path = tempFile('progress.log', content);
  const seen: { bytes: number; events: number }[] = [];
  await readLogs([path], { onProgress: (p) => seen.push({ bytes: p.bytes, events: p.events }) });
  assert.ok(seen.length >= 2);
  assert.equal(seen.at(-1)!.bytes, Buffer.byteLength(content));
  assert.equal(seen.at(-1)!.events, 30000);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.events >= seen[i - 1]!.events && seen[i]!.bytes >= seen[i - 1]!.bytes);

  const controller = new AbortController();
  await assert.rejects(
    readLogs([path], { signal: controller.signal, onProgress: () => controller.abort() }),
    (e: unknown) => (e as Error).name === 'AbortError',
  );
});

test('splitters give the same records wherever the chunks are cut', () => {
  const tricky = { verb: 'get', requestURI: '/x', user: { username: 'a\\"b\\\\', groups: ['"]}', '\\'] }, annotations: { k: 'v\\\\"q' } };
  const inputs: readonly (readonly [string, Buffer])[] = [
    ['lines', Buffer.from(`${JSON.stringify(tricky)}\n\n${line('list')}\r\n{"broken": \n${line('get')}`)],
    ['list', Buffer.from(JSON.stringify({ kind: 'EventList', items: [tricky, ev('list'), 7, tricky] }, null, 1))],
    ['array', Buffer.from(JSON.stringify([tricky, ev('get')]))],
    ['array, then an event', Buffer.from(`${JSON.stringify([ev('get'), tricky, ev('list')], null, 1)}\n${JSON.stringify(ev('watch'), null, 1)}`)],
    ['array with a broken item', Buffer.from(`[${line('get')}, {"verb":"list","requestObject":{"a":[1}}, ${line('watch')}]`)],
  ];
  for (const [label, bytes] of inputs) {
    const collect = (chunks: readonly Buffer[]): string[] => {
      const out: string[] = [];
      const sink = recordingSink(out);
      const splitter = label === 'lines' ? new LineSplitter(sink, 1 << 20) : new ValueSplitter(sink, 1 << 20);
      for (const c of chunks) splitter.push(Buffer.from(c));
      splitter.end();
      return out;
    };
    const whole = collect([bytes]);
    assert.ok(whole.length >= 2, label);
    for (let cut = 1; cut < bytes.length; cut++) {
      assert.deepEqual(collect([bytes.subarray(0, cut), bytes.subarray(cut)]), whole, `${label} cut at ${cut}`);
    }
    // One byte at a time.
    assert.deepEqual(collect([...bytes].map((x) => Buffer.from([x]))), whole, `${label} byte by byte`);
  }
});

test('the batch builder gives the same records wherever the chunks are cut', () => {
  // Lines of a chunk are scanned in place (the chunk is held in the scanner's memory); a line
  // carried over from the chunk before is scanned from a copy placed after it; raw keys seen in
  // one chunk are found in the next.
  const bytes = Buffer.from(
    [line('get'), line('list', { requestObject: { a: [1, '}'] } }), '', line('get'), '{"verb": "get", broken', line('watch', { user: { username: 'u', groups: ['g'] } }), line('get')].join('\n') + '\r\n',
  );
  const collect = (chunks: readonly Buffer[]): unknown => {
    const builder = new BatchBuilder();
    const splitter = new LineSplitter(builder, 1 << 20);
    for (const c of chunks) splitter.push(Buffer.from(c));
    splitter.end();
    const { records, keys, extras } = builder.take();
    return { records: [...records], keys, extras };
  };
  const whole = collect([bytes]);
  for (let cut = 1; cut < bytes.length; cut += 7) {
    assert.deepEqual(collect([bytes.subarray(0, cut), bytes.subarray(cut)]), whole, `cut at ${cut}`);
    assert.deepEqual(collect([bytes.subarray(0, cut), bytes.subarray(cut, cut + 40), bytes.subarray(cut + 40)]), whole, `cut at ${cut} and ${cut + 40}`);
  }
});
