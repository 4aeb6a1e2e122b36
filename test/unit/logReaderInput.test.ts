// What reaches the splitters: a gzip data error costs nothing decoded before it (trailing garbage
// after a member, a corrupt member after an intact one, a bit flipped mid-stream: `gzip -dc` is
// the reference), reported once after it; NUL bytes cost only their lines, while binary data,
// other compressions and UTF-16 are refused with a message that says what they are.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { constants, crc32, deflateRawSync, gzipSync, inflateRawSync } from 'node:zlib';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { check, type Expected, readLogs, type Seen, tempFile } from '../helpers/readLogs.ts';

const line = (verb: string, i = 0): string =>
  JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', stage: 'ResponseComplete', requestURI: `/api/v1/namespaces/n${i % 7}/pods/p${i}`, verb, user: { username: `u${i % 13}` }, auditID: `${Math.imul(i, 2654435761) >>> 0}-${Math.imul(i, 40503) >>> 0}` });
const LOG = Array.from({ length: 12000 }, (_, i) => line(i % 2 ? 'get' : 'list', i)).join('\n') + '\n';
const INVALID = /^invalid JSON: /;

/** Both ways in: a file (decoded in large calls, decoded again after an error) and standard input (small calls). */
const READS: readonly (readonly [string, (bytes: Buffer) => Promise<Seen>])[] = [
  ['file', (bytes) => readLogs([tempFile('in.log.gz', bytes)], { parallel: { workers: 0 } })],
  ['stdin', (bytes) => readLogs(['-'], { stdin: Readable.from([bytes]), parallel: { workers: 0 } })],
];

/** What gzip -dc writes for these bytes: the reference for what can be recovered. */
function gzipDc(bytes: Buffer): Buffer {
  return spawnSync('gzip', ['-dc'], { input: bytes, maxBuffer: 1 << 30 }).stdout;
}

/**
 * Every whole line gzip -dc recovers is replayed at its line as JSON.parse sees it, and the log
 * ends with exactly one input error, `message`.
 */
async function checkRecovered(label: string, bytes: Buffer, message: RegExp): Promise<void> {
  const reference = gzipDc(bytes).toString('utf8').split('\n').slice(0, -1);
  assert.ok(reference.length > 0, `${label}: gzip -dc recovers something`);
  for (const [how, read] of READS) {
    const { records, result } = await read(bytes);
    const name = `${label} (${how})`;
    assert.equal(result.inputErrors.length, 1, name);
    assert.match(result.inputErrors[0]!.message, message, name);
    assert.deepEqual(records.at(-1), { file: records.at(-1)!.file, line: null, error: result.inputErrors[0]!.message }, name);
    assert.equal(records.filter((r) => r.line === null).length, 1, `${name}: the error is reported once`);
    reference.forEach((text, i) => {
      const r = records[i]!;
      assert.equal(r.line, i + 1, `${name}: line ${i + 1}`);
      let event = false;
      try {
        event = eventToAttributes(JSON.parse(text)).ok;
      } catch {
        // Not JSON: an error record.
      }
      assert.equal('attributes' in r, event, `${name}: line ${i + 1}: ${text.slice(0, 80)}`);
    });
  }
}

test('gzip: trailing garbage after a member: every event is replayed, then the error once', async () => {
  const small = Buffer.concat([gzipSync('{"verb":"get","requestURI":"/healthz"}\n'), Buffer.from('garbage\n')]);
  await checkRecovered('the issue reproduction', small, /^data after the end of the gzip stream \(at byte \d+\); not read$/);
  const large = Buffer.concat([gzipSync(LOG), Buffer.from('garbage\n')]);
  await checkRecovered('a 12,000-event member', large, /^data after the end of the gzip stream/);
  for (const [how, read] of READS) {
    const { records } = await read(large);
    assert.equal(records.filter((r) => 'attributes' in r).length, 12000, how);
    assert.equal(records.length, 12001, `${how}: no line is reported broken`);
  }
});

test('gzip: trailing zero bytes (padding) are ignored, as gzip does', async () => {
  const padded = Buffer.concat([gzipSync(LOG), Buffer.alloc(5000)]);
  for (const [how, read] of READS) {
    const { records, result } = await read(padded);
    assert.deepEqual([records.length, result.inputErrors], [12000, []], how);
  }
});

/**
 * The gzip data `gz` with two bytes changed at the first offset from `from` (stepping by `step`)
 * where both zlib and gzip find the data broken there ("format violated"), rather than decoding
 * on and failing the checksum at the end.
 */
function corruptMidStream(gz: Buffer, from: number, step: number): Buffer {
  for (let at = from; at < gz.length - 8; at += step) {
    const bad = Buffer.from(gz);
    bad[at]! ^= 0xff;
    bad[at + 1]! ^= 0x5a;
    try {
      // Up to a little after the change: zlib finds an error there, or not at all.
      inflateRawSync(bad.subarray(10, at + 4096), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' && /format violated/.test(spawnSync('gzip', ['-dc'], { input: bad, maxBuffer: 1 << 30 }).stderr.toString())) return bad;
    }
  }
  throw new Error('no corruption found that zlib and gzip detect mid-stream');
}

test('gzip: a bit flipped mid-stream: everything gzip -dc recovers is replayed, then the error once', async () => {
  const gz = gzipSync(LOG);
  // At several places: what zlib's failing call would lose differs with where the error falls.
  for (const from of [0.3, 0.5, 0.7, 0.9]) {
    await checkRecovered(`a flip from ${from} of the way`, corruptMidStream(gz, Math.floor(gz.length * from), 13), /^corrupt gzip data \(/);
  }
});

test('gzip: a corrupt second member after an intact first one', async () => {
  const first = gzipSync(LOG);
  const second = corruptMidStream(gzipSync(LOG), 2000, 101);
  await checkRecovered('corrupt data in member 2', Buffer.concat([first, second]), /^corrupt gzip data \(/);
  const badCrc = gzipSync(`${line('watch')}\n`);
  badCrc.writeUInt32LE((badCrc.readUInt32LE(badCrc.length - 8) ^ 1) >>> 0, badCrc.length - 8);
  await checkRecovered('a bad checksum in member 2', Buffer.concat([first, badCrc]), /^corrupt gzip data \(incorrect data check\)$/);
  const badHeader = Buffer.from(gzipSync(`${line('watch')}\n`));
  badHeader[2] = 7;
  await checkRecovered('a bad header in member 2', Buffer.concat([first, badHeader]), /^corrupt gzip data \(bad header of member 2, at byte \d+\)$/);
});

test('gzip: a member with every optional header field (extra, name, comment, header CRC)', async () => {
  const body = Buffer.from(`${line('get')}\n${line('list')}\n`);
  const header = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3]),
    Buffer.from([4, 0, 1, 2, 3, 4]),
    Buffer.from('audit.log\0'),
    Buffer.from('rotated\0'),
  ]);
  const hcrc = Buffer.alloc(2);
  hcrc.writeUInt16LE(crc32(header) & 0xffff);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(body), 0);
  trailer.writeUInt32LE(body.length, 4);
  const member = Buffer.concat([header, hcrc, deflateRawSync(body), trailer]);
  assert.equal(gzipDc(member).toString(), body.toString());
  await check('every header field', Buffer.concat([member, member]), [[1, 'get'], [2, 'list'], [3, 'get'], [4, 'list']]);
});

test('gzip: cut anywhere in a member, the events before the cut are read and the input error is "truncated"', async () => {
  const gz = gzipSync(LOG);
  for (const cut of [5, 15, gz.length >> 2, gz.length - 9, gz.length - 3]) {
    for (const [how, read] of READS) {
      const { records, result } = await read(gz.subarray(0, cut));
      assert.deepEqual(result.inputErrors.map((e) => e.message), ['truncated gzip data (the file ends inside the compressed stream)'], `${how} cut at ${cut}`);
      const reference = gzipDc(gz.subarray(0, cut)).toString().split('\n').length - 1;
      assert.ok(records.filter((r) => 'attributes' in r).length >= reference, `${how} cut at ${cut}`);
    }
  }
});

// Power loss: the file system kept the file's new length but not its data, which reads as NULs.
const POWER_LOSS: readonly (readonly [string, Buffer, readonly Expected[]])[] = [
  ['a NUL byte in the first line', Buffer.from(`${line('get')}\n{"verb":"get",\0"requestURI":"/x"}\n${line('list')}\n`), [[1, 'get'], [2, INVALID], [3, 'list']]],
  ['NUL padding between lines', Buffer.concat([Buffer.from(`${line('get')}\n`), Buffer.alloc(4096), Buffer.from(`\n${line('list')}\n${line('watch')}\n`)]), [[1, 'get'], [2, INVALID], [3, 'list'], [4, 'watch']]],
  ['NUL padding at the start', Buffer.concat([Buffer.alloc(8192), Buffer.from(`${line('get')}\n${line('list')}\n`)]), [[1, INVALID], [2, 'list']]],
  ['NUL padding at the end', Buffer.concat([Buffer.from(`${line('get')}\n${line('list')}\n`), Buffer.alloc(12288)]), [[1, 'get'], [2, 'list'], [3, INVALID]]],
  [
    'a stretch of random bytes in the first 8 KiB',
    Buffer.concat([Buffer.from(`${line('get')}\n`), randomBytes(300, 1), Buffer.from(`\n${LOG.split('\n').slice(0, 50).join('\n')}\n`)]),
    [[1, 'get'], [2, INVALID], ...Array.from({ length: 50 }, (_, i): Expected => [i + 3, i % 2 ? 'get' : 'list'])],
  ],
];

for (const [label, bytes, expected] of POWER_LOSS) {
  test(`NUL bytes cost only their lines: ${label}`, async () => {
    await check(label, bytes, expected);
    await check(`${label}, gzipped`, gzipSync(bytes), expected);
  });
}

/** Bytes from a fixed pseudo-random sequence (no newline, so they stay one line). */
function randomBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = (x >>> 16) & 0xff;
    if (b[i] === 10) b[i] = 11;
  }
  return b;
}

test('binary data, other compressions and UTF-16 are refused as a whole, whatever the chunks', async () => {
  const utf16 = (text: string, bom: boolean): Buffer => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
  const cases: readonly (readonly [string, Buffer, RegExp])[] = [
    ['random bytes', randomBytes(20000, 7), /^binary data \(a (NUL )?byte( 0x[0-9a-f]{2})? at offset \d+\), not a JSON audit log$/],
    ['a PNG image', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3000, 3)]), /^binary data \(a byte 0x89 at offset 0\)/],
    ['an ELF executable', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(8), randomBytes(3000, 5)]), /^binary data \(a byte 0x7f at offset 0\)/],
    ['binary data gzipped', gzipSync(randomBytes(20000, 9)), /^binary data/],
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2]), /^xz-compressed data; only gzip is read/],
    ['zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]), /^zip-compressed data; only gzip is read/],
    ['UTF-16 with a byte-order mark', utf16(`${line('get')}\n`, true), /^UTF-16 text; only UTF-8 is read/],
    ['UTF-16 without one', utf16(`${line('get')}\n${line('list')}\n`, false), /^UTF-16 text; only UTF-8 is read/],
  ];
  for (const [label, bytes, message] of cases) {
    const reads: readonly (readonly [string, () => Promise<Seen>])[] = [
      ['file', () => readLogs([tempFile('refused.log', bytes)])],
      ['stdin byte by byte', () => readLogs(['-'], { stdin: Readable.from([...bytes.subarray(0, 9000)].map((b) => Buffer.from([b]))) })],
    ];
    for (const [how, read] of reads) {
      const { records, result } = await read();
      assert.equal(result.inputErrors.length, 1, `${label} (${how})`);
      assert.match(result.inputErrors[0]!.message, message, `${label} (${how})`);
      assert.equal(records.length, 1, `${label} (${how}): nothing read`);
    }
  }
});

test('the corpus logs are text', async () => {
  const log = readFileSync(`${__dirname}/../fixtures/corpus/logs/audit2rbac-demo-raw-v1beta1.jsonl`);
  const { result } = await readLogs([tempFile('corpus.log', log)]);
  assert.deepEqual(result.inputErrors, []);
});
