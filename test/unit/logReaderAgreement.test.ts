// The fast path of the reader (scan only the fields matching needs, decode each distinct raw key
// once) must see exactly what JSON.parse + eventToAttributes see: on every corpus event and on
// random events with escapes (\u0026 as kube-apiserver writes it), unicode, any key order,
// repeated keys, odd types and bodies.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { LEVELS, STAGES } from '../../server/src/core/model.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { codeOf, ReplayIndex, UNKNOWN_CODE } from '../../server/src/core/replay/replayIndex.ts';
import { readAuditLogs } from '../../server/src/io/readAuditLogs.ts';
import { EventScanner } from '../../server/src/io/scanEvent.ts';
import { bucketRows, check, eventLine, type Expected, readLogs, tempFile } from '../helpers/readLogs.ts';

const LOGS = join(__dirname, '..', 'fixtures', 'corpus', 'logs');

/** What JSON.parse + eventToAttributes say about one line. */
function reference(line: string): { attributes: unknown } | { error: string } {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message}` };
  }
  const r = eventToAttributes(event);
  return r.ok ? { attributes: r.attributes } : { error: r.error };
}

/**
 * Reads the lines through the reader, as JSON lines and as the items of a JSON array, and compares
 * every record with the reference.
 */
async function checkAgreement(label: string, lines: readonly string[]): Promise<void> {
  for (const [name, content] of [
    [`${label}.jsonl`, `${lines.join('\n')}\n`],
    [`${label}.json`, `[\n${lines.join(',\n')}\n]`],
  ] as const) {
    const { records } = await readLogs([tempFile(name, content)]);
    assert.equal(records.length, lines.length, name);
    records.forEach((r, i) => {
      const expected = reference(lines[i]!);
      const got = 'error' in r ? { error: r.error } : { attributes: r.attributes };
      assert.deepEqual(got, expected, `${name} item ${i + 1}: ${lines[i]}`);
      assert.equal(r.line, i + 1);
    });
  }
}

/**
 * The scanner alone: when it takes the fast path it reads stage, level and body sizes as JSON.parse
 * does. Returns whether it took it (it declines escaped keys, leaving them to JSON.parse).
 */
function checkScan(label: string, line: string): boolean {
  const b = Buffer.from(line);
  const scanner = new EventScanner();
  if (!scanner.scan(b, 0, b.length)) return false;
  const o = JSON.parse(line) as Record<string, unknown>;
  const code = (names: readonly string[], v: unknown): number => (typeof v === 'string' && names.includes(v) ? names.indexOf(v) : UNKNOWN_CODE);
  assert.equal(scanner.stage(), code(STAGES, o['stage']), `${label}: stage`);
  assert.equal(scanner.level(), code(LEVELS, o['level']), `${label}: level`);
  const body = (k: string): number => (o[k] === undefined || o[k] === null ? 0 : Buffer.byteLength(JSON.stringify(o[k])) + k.length + 4);
  // Sizes are of the bytes as written; compact JSON re-serialises to the same bytes.
  if (line === JSON.stringify(o)) {
    assert.equal(scanner.requestBodyBytes(), body('requestObject'), `${label}: requestObject bytes`);
    assert.equal(scanner.responseBodyBytes(), body('responseObject'), `${label}: responseObject bytes`);
  }
  return true;
}

test('every corpus event: the reader agrees with JSON.parse + eventToAttributes', async () => {
  for (const file of readdirSync(LOGS)) {
    const lines = readFileSync(join(LOGS, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
    await checkAgreement(file, lines);
    lines.forEach((l, i) => assert.ok(checkScan(`${file}:${i + 1}`, l), `${file}:${i + 1}: the scanner declined a corpus event`));
  }
});

// Random events. Strings mix plain ASCII, unicode, quotes, backslashes and the characters
// kube-apiserver escapes (& < >); keys come in random order; some fields have the wrong type.
const text = fc.oneof(
  fc.constantFrom('', 'get', 'list', 'pods', 'kube-system', 'system:admin', 'system:authenticated', 'apps', 'v1', 'status', '/api/v1/pods?watch=true&x=1', '/healthz', '/a%20b?c', 'é', '日本', '😀', 'a"b', 'a\\b', '<script>&amp;', 'x?y', '\u2028'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 3 });
const oddValue = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.array(text, { maxLength: 2 }), fc.dictionary(text, text, { maxKeys: 2 }));
const user = fc.oneof(
  fc.record({ username: maybe(text), groups: maybe(fc.array(text, { maxLength: 3 })), uid: maybe(text), extra: maybe(fc.dictionary(text, fc.array(text, { maxLength: 2 }), { maxKeys: 2 })) }, { requiredKeys: [] }),
  fc.record({ username: maybe(fc.oneof(text, oddValue)), groups: maybe(fc.oneof(oddValue, fc.array(fc.oneof(text, fc.integer()), { maxLength: 2 }))) }, { requiredKeys: [] }),
  oddValue,
);
const objectRef = fc.oneof(
  fc.record(
    { resource: maybe(text), namespace: maybe(text), name: maybe(text), apiGroup: maybe(text), apiVersion: maybe(fc.oneof(text, fc.constant('apps/v1beta1'))), subresource: maybe(text), uid: maybe(text), resourceVersion: maybe(text) },
    { requiredKeys: [] },
  ),
  fc.record({ resource: maybe(oddValue), name: maybe(oddValue) }, { requiredKeys: [] }),
  oddValue,
);
const event = fc.record(
  {
    kind: fc.oneof(fc.constant('Event'), fc.constant('Event'), fc.constant('EventList'), text, oddValue),
    apiVersion: fc.constantFrom('audit.k8s.io/v1', 'audit.k8s.io/v1', 'audit.k8s.io/v1beta1', 'audit.k8s.io/v1alpha1', 'v1', 7),
    level: fc.oneof(fc.constantFrom(...LEVELS), text, oddValue),
    auditID: text,
    stage: fc.oneof(fc.constantFrom(...STAGES), text, oddValue),
    requestURI: fc.oneof(text, text.map((t) => `/api/${t}?q=${t}`), oddValue),
    verb: fc.oneof(fc.constantFrom('get', 'list', 'watch', 'create', ''), text, oddValue),
    user,
    impersonatedUser: user,
    sourceIPs: fc.array(text, { maxLength: 2 }),
    userAgent: text,
    objectRef,
    responseStatus: fc.record({ code: fc.integer(), message: text }),
    requestObject: fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant(null)),
    responseObject: fc.jsonValue({ maxDepth: 4 }),
    annotations: fc.dictionary(text, text, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

/** Serialises with a random key order, kube-apiserver's escapes and optional spaces; maybe a repeated key. */
const serialised = fc
  .tuple(event, fc.integer(), fc.boolean(), fc.boolean(), fc.option(fc.tuple(fc.constantFrom('verb', 'user', 'objectRef', 'requestURI', 'stage', 'kind'), oddValue, text)))
  .map(([e, seed, escape, spaced, repeat]) => {
    const keys = Object.keys(e).sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
    const ordered: Record<string, unknown> = {};
    for (const k of keys) ordered[k] = (e as Record<string, unknown>)[k];
    let s = JSON.stringify(ordered, null, spaced ? 1 : undefined).replace(/\n/g, ' ');
    if (escape) s = s.replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
    if (repeat) {
      const [key, a, b] = repeat;
      // An earlier occurrence that JSON.parse overrides with the later one (or the reverse).
      s = `{${JSON.stringify(key)}:${JSON.stringify(a)},${s.slice(1, -1)}${s.length > 2 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(b)}}`;
    }
    return s;
  });

test('random events: the reader agrees with JSON.parse + eventToAttributes', async () => {
  let run = 0;
  let scanned = 0;
  let lineCount = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(serialised, { minLength: 1, maxLength: 40 }), async (lines) => {
      // Several lines per file: later lines hit the raw-key cache of earlier ones.
      await checkAgreement(`random-${run++}`, [...lines, ...lines.slice(0, 5)]);
      for (const [i, l] of lines.entries()) if (checkScan(`random line ${i + 1}`, l)) scanned++;
      lineCount += lines.length;
    }),
    { numRuns: 150 },
  );
  // The fast path is what is being tested: most random events must take it.
  assert.ok(scanned > lineCount * 0.8, `${scanned} of ${lineCount} scanned`);
});

test('events that differ only in what matching ignores share one request key', async () => {
  const base = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb: 'get', user: { username: 'a', groups: ['g'], uid: '1' }, objectRef: { resource: 'pods', namespace: 'n', name: 'p', apiVersion: 'v1', uid: 'u1', resourceVersion: '1' } };
  const lines = [
    { ...base, auditID: '1', requestURI: '/api/v1/namespaces/n/pods/p?resourceVersion=1' },
    { ...base, auditID: '2', requestURI: '/api/v1/namespaces/n/pods/p?resourceVersion=2', user: { ...base.user, uid: '2' }, objectRef: { ...base.objectRef, uid: 'u2', resourceVersion: '9' } },
  ].map((e) => JSON.stringify(e));
  const { index } = await readLogs([tempFile('same-key.jsonl', lines.join('\n'))]);
  assert.equal(index.events, 2);
  assert.equal(index.keys.length, 1);
});

test('the raw key leaves out the query of requestURI, unless an escape comes before it', () => {
  const scanner = new EventScanner();
  const rawKey = (requestURI: string): string => {
    const line = `{"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"get","requestURI":"${requestURI}","objectRef":{"resource":"pods","namespace":"n","name":"p","apiVersion":"v1"}}`;
    assert.ok(scanner.scan(Buffer.from(line), 0, Buffer.byteLength(line)), line);
    return scanner.bytes.toString('latin1', scanner.keyWord * 4, (scanner.keyWord + scanner.keyWords) * 4);
  };
  // Requests that differ only in their query are decoded once.
  assert.equal(rawKey('/api/v1/namespaces/n/pods/p?resourceVersion=1'), rawKey('/api/v1/namespaces/n/pods/p?resourceVersion=2'));
  assert.equal(rawKey('/api/v1/namespaces/n/pods/p?x'), rawKey('/api/v1/namespaces/n/pods/p'));
  assert.notEqual(rawKey('/api/v1/namespaces/n/pods/q?x'), rawKey('/api/v1/namespaces/n/pods/p?x'));
  // A "?" that comes first stays: cut to "", the request would read as having no requestURI.
  assert.equal(rawKey('?a=1'), rawKey('?b=2'));
  assert.notEqual(rawKey('?a=1'), rawKey(''));
  // An escape before the "?" keeps the value whole: the key stays valid JSON.
  assert.notEqual(rawKey('/api/v1/namespaces/n/pods/p\\u0026?x=1'), rawKey('/api/v1/namespaces/n/pods/p\\u0026?x=2'));
});

test('a requestURI that is only a query is one, as JSON.parse reads it (found by the random events)', async () => {
  await checkAgreement('query-only', ['{"verb":"get","requestURI":"?a"}', '{"verb":"get","requestURI":"?b"}', '{"verb":"get","requestURI":""}', '{"requestURI":[],"verb":"","requestURI":"?"}']);
});

test('escaped spellings of stage and level are read as JSON.parse reads them', () => {
  const line = '{"kind":"Event","verb":"get","requestURI":"/healthz","stage":"Respons\\u0065Complete","level":"M\\u0065tadata"}';
  assert.ok(checkScan('escaped stage and level', line));
  const scanner = new EventScanner();
  assert.ok(scanner.scan(Buffer.from(line), 0, line.length));
  assert.equal(STAGES[scanner.stage()], 'ResponseComplete');
  assert.equal(LEVELS[scanner.level()], 'Metadata');
});

/** The index JSON.parse + eventToAttributes give for compact lines (sizes as the reader measures them). */
function referenceIndex(lines: readonly string[]): ReplayIndex {
  const index = new ReplayIndex();
  for (const line of lines) {
    const o = JSON.parse(line) as Record<string, unknown>;
    const id = index.intern(o);
    if (id < 0) {
      index.addError({ file: '', line: null, message: index.lastRejection });
      continue;
    }
    const body = (k: string): number => (o[k] === undefined || o[k] === null ? 0 : Buffer.byteLength(JSON.stringify(o[k])) + k.length + 4);
    index.addEvent(id, codeOf(STAGES, o['stage']), codeOf(LEVELS, o['level']), Buffer.byteLength(line), body('requestObject'), body('responseObject'));
  }
  return index;
}

const columns = (index: ReplayIndex): unknown => ({ keys: index.keys, buckets: bucketRows(index), events: index.events, errorCount: index.errorCount });

test('random events, each request many times: counts, codes and sizes agree with JSON.parse, summed or not', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), async (events, picks) => {
      // Compact JSON: its body sizes re-serialise to the bytes as written.
      const distinct = events.map((e) => JSON.stringify(e));
      const lines = [...distinct, ...picks.map((p) => distinct[p % distinct.length]!)];
      const expected = columns(referenceIndex(lines));
      const path = tempFile(`counted-${run++}.jsonl`, `${lines.join('\n')}\n`);
      assert.deepEqual(columns((await readLogs([path])).index), expected, 'line by line');
      const summed = new ReplayIndex();
      await readAuditLogs([path], summed);
      assert.deepEqual(columns(summed), expected, 'summed');
    }),
    { numRuns: 100 },
  );
});

test('more distinct requests than the raw-key table keeps: it starts over, and every event still counts', async () => {
  // 70,000 distinct requests (the table keeps 65,536), then the first thousand again.
  const request = (i: number): string => `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete","verb":"get","requestURI":"/api/v1/namespaces/n/pods/p${i}","objectRef":{"resource":"pods","namespace":"n","name":"p${i}","apiVersion":"v1"}}`;
  const lines = [...Array.from({ length: 70_000 }, (_, i) => request(i)), ...Array.from({ length: 1000 }, (_, i) => request(i))];
  const index = new ReplayIndex();
  await readAuditLogs([tempFile('many-requests.jsonl', `${lines.join('\n')}\n`)], index);
  assert.equal(index.events, 71_000);
  assert.equal(index.keys.length, 70_000);
  assert.equal(index.bucketCount, 70_000);
  assert.equal(index.bucketEvents[0], 2);
  assert.equal(index.bucketEvents[999], 2);
  assert.equal(index.bucketEvents[1000], 1);
});

test('corrupt values and a backslash before a newline: every line is what JSON.parse makes of it alone, at its own line (issue 15)', async () => {
  const get = eventLine('get');
  // The same request as line 1 (its raw key known), so only the walk stands between these lines and the fast path.
  const corrupt = (member: string): string => `${get.slice(0, -1)},${member}}`;
  const lines = [
    get,
    corrupt('"stage":"Resp\\onseComplete","x":01'),
    corrupt('"x":01'),
    corrupt('"responseStatus":{"code":1.}'),
    corrupt('"requestObject":{"items":[1,]}'),
    corrupt('"annotations":{"a":"b" "c":"d"}'),
    corrupt('"x":tru'),
    // A backslash before the line's end: with the next line, one object JSON.parse rejects.
    `${get.slice(0, -1)},"auditID":"x\\`,
    '"}',
    get,
    corrupt('"auditID":"x\\\\","x":[-0.5e+3,null,{"y":"\\u00e9\\/"}]'),
    eventLine('list'),
  ];
  const expected = lines.map((l, i): Expected => {
    const r = reference(l);
    return [i + 1, 'error' in r ? r.error : (r.attributes as { verb: string }).verb];
  });
  // The reference itself: lines 2 to 9 are not JSON, the others are events.
  assert.deepEqual(expected.map(([, what]) => (what === 'get' || what === 'list' ? what : 'error')), ['get', ...Array<string>(8).fill('error'), 'get', 'get', 'list']);
  await check('corrupt values', `${lines.join('\n')}\n`, expected);
});
