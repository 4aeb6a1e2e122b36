// The WebAssembly structure scanner: the embedded binary is the one wasm/jsonStructure/ compiles to,
// and its answers agree with JSON.parse on where values end, wherever a string, an escape or a
// bracket falls relative to its 16-byte blocks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { generatedWasmSource, OUTPUT_PATH } from '../../scripts/wasm/generate.ts';
import { JsonStructure } from '../../server/src/io/jsonStructure.ts';

test('the embedded WebAssembly is wasm/jsonStructure/ compiled', async () => {
  assert.equal(readFileSync(OUTPUT_PATH, 'utf8'), await generatedWasmSource(), 'run: node --import tsx scripts/wasm/generate.ts');
});

/** valueEnd of `text` (after `pad` spaces, so values start anywhere in a block), relative to the text. */
function valueEnd(j: JsonStructure, text: string, pad = 0): number {
  const b = Buffer.from(' '.repeat(pad) + text);
  const at = j.place(b, 0, b.length);
  const end = j.valueEnd(at + pad, at + b.length);
  return end < 0 ? end : end - at - pad;
}

test('values end where JSON.parse says, at every offset in a block', () => {
  const j = new JsonStructure();
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), fc.integer({ min: 0, max: 17 }), fc.constantFrom('', ' ', ',"x":1', '}'), (value, pad, after) => {
      const text = JSON.stringify(value);
      assert.equal(valueEnd(j, text + after, pad), Buffer.byteLength(text));
    }),
    { numRuns: 2000 },
  );
});

test('escapes, quotes and brackets across block boundaries', () => {
  const j = new JsonStructure();
  for (let n = 0; n < 40; n++) {
    const filler = 'a'.repeat(n);
    for (const inner of ['\\"', '\\\\', '\\\\\\"', '[', '{', '}', ']', '\\u0041', '\\n']) {
      const text = `{"k":"${filler}${inner}","l":[${JSON.stringify(filler)}]}`;
      JSON.parse(text);
      assert.equal(valueEnd(j, `${text}  `), Buffer.byteLength(text), text);
      // The same value cut short anywhere is never complete.
      for (let cut = 1; cut < text.length; cut++) assert.equal(valueEnd(j, text.slice(0, cut)), -1, text.slice(0, cut));
    }
  }
});

test('what the scanner refuses: broken structure, raw control characters, nesting past 512', () => {
  const j = new JsonStructure();
  for (const bad of ['{"a":[1}', '{"a":"b}', '["\\"]', '{"a":"x\ty"}', '"a\u0001"', ']', '{"a":1]', 'tru', 'nul', '']) assert.equal(valueEnd(j, bad), -1, JSON.stringify(bad));
  assert.equal(valueEnd(j, `${'['.repeat(512)}${']'.repeat(512)}`), 1024);
  assert.equal(valueEnd(j, `${'['.repeat(513)}${']'.repeat(513)}`), -1);
  // Structure, not grammar: stray bytes between brackets are JSON.parse's to reject.
  assert.equal(valueEnd(j, '{"a": xyz}'), 10);
});

test('an object walk records the last value of each known key, and walks child objects', () => {
  const j = new JsonStructure([
    [
      { name: 'verb', slot: 0 },
      { name: 'user', slot: 1, child: 1 },
    ],
    [{ name: 'username', slot: 2 }],
  ]);
  const walk = (text: string): (string | undefined)[] | false => {
    const b = Buffer.from(text);
    const at = j.place(b, 0, b.length);
    if (j.scanEvent(at, at + b.length, 3) < 0) return false;
    return [0, 1, 2].map((slot) => (j.starts[slot]! < 0 ? undefined : j.bytes.toString('utf8', j.starts[slot], j.ends[slot])));
  };
  assert.deepEqual(walk('{"verb":"get","user":{"username":"a"},"verb":"list"}'), ['"list"', '{"username":"a"}', '"a"']);
  assert.deepEqual(walk(' { "user" : { "username" : "a" } , "user" : { } } '), [undefined, '{ }', undefined]);
  assert.deepEqual(walk('{"user":"x","other":{"verb":"no"}}'), [undefined, '"x"', undefined]);
  assert.deepEqual(walk('{"verbs":1,"verb":2}'), ['2', undefined, undefined]);
  for (const bad of ['{"verb":"get"', '{"verb" "get"}', '{"verb":"get",}', '{"v\\u0065rb":"get"}', '{"verb":"get"}{}', '[]', '{"verb":}']) assert.equal(walk(bad), false, bad);
  // Escapes, colons, commas and brackets inside strings, wherever they fall in a block.
  for (let n = 0; n < 40; n++) {
    const filler = 'x'.repeat(n);
    for (const inner of ['\\"', '\\\\', ':', ',', '{', ']', '\\\\\\"', '\\u0041']) {
      const text = `{"a${filler}":"${filler}${inner}:","verb":"${inner}${filler}","user":{"username":"${filler}${inner}"}}`;
      const parsed = JSON.parse(text) as { verb: string; user: { username: string } };
      const got = walk(text);
      assert.ok(got, text);
      assert.equal(JSON.parse(got[0]!), parsed.verb, text);
      assert.equal(JSON.parse(got[2]!), parsed.user.username, text);
    }
  }
});

test('inputs larger than the module memory grow it', () => {
  const j = new JsonStructure();
  const big = JSON.stringify({ a: 'x'.repeat(5 << 20), b: [1, 2, 3] });
  assert.equal(valueEnd(j, big), big.length);
  assert.equal(valueEnd(j, '[1]'), 3);
});

test('a held chunk is walked in place; other bytes placed meanwhile and raw keys go after it', () => {
  const j = new JsonStructure([[{ name: 'verb', slot: 0 }]], [{ slot: 0 }]);
  const verbAt = (at: number, length: number): string | false => {
    if (j.scanEvent(at, at + length, 1) < 0) return false;
    return j.bytes.toString('utf8', j.starts[0], j.ends[0]);
  };
  const lines = ['{"verb":"get"}', '{"verb":"list","x":[1,2]}', '{"verb":"watch"}'];
  const chunk = Buffer.from(`${lines.join('\n')}\n`);
  const other = Buffer.from('  {"verb":"patch"}  ');
  j.hold(chunk);
  let s = 0;
  for (const [i, text] of lines.entries()) {
    const at = j.place(chunk, s, s + text.length);
    assert.equal(at, j.place(chunk, 0, 1) + s, 'in place: no copy');
    assert.equal(verbAt(at, text.length), JSON.stringify(JSON.parse(text).verb), `line ${i + 1}`);
    // Another buffer's bytes, between two lines of the chunk, leave the chunk's bytes intact.
    const o = j.place(other, 0, other.length);
    assert.ok(o >= j.place(chunk, 0, 1) + chunk.length, 'copied after the chunk');
    assert.equal(verbAt(o, other.length), '"patch"');
    s += text.length + 1;
  }
  assert.equal(j.bytes.toString('utf8', j.place(chunk, 0, 1), j.place(chunk, 0, 1) + chunk.length), chunk.toString());
  // Released, the same bytes are copied again.
  j.release();
  const at = j.place(chunk, 0, lines[0]!.length);
  assert.equal(verbAt(at, lines[0]!.length), '"get"');
});

test('a walk never reads past the end it is given: every cut of an event held with its rest is declined', () => {
  const j = new JsonStructure(
    [
      [
        { name: 'verb', slot: 0 },
        { name: 'user', slot: 1, child: 1 },
      ],
      [{ name: 'username', slot: 2 }],
    ],
    [{ slot: 0 }],
  );
  fc.assert(
    fc.property(
      fc.record({ verb: fc.string(), user: fc.record({ username: fc.string(), groups: fc.array(fc.string()) }), x: fc.jsonValue({ maxDepth: 3 }) }),
      fc.boolean(),
      (event, spaced) => {
        const text = JSON.stringify(event, null, spaced ? 1 : undefined).replace(/\n/g, ' ');
        // The bytes after the cut are in memory too (the rest of the line, then of the chunk).
        const chunk = Buffer.from(`${text}\n${text}`);
        j.hold(chunk);
        const at = j.place(chunk, 0, chunk.length);
        const length = Buffer.byteLength(text);
        assert.ok(j.scanEvent(at, at + length, 3) >= 0, text);
        for (let cut = 1; cut < length; cut++) assert.equal(j.scanEvent(at, at + cut, 3), -1, `${text} cut at ${cut}`);
        j.release();
      },
    ),
    { numRuns: 300 },
  );
});

/** A structure that walks for verb and user (and its username): whether it takes `text` as one event. */
function walker(): (text: string) => boolean {
  const j = new JsonStructure(
    [
      [
        { name: 'verb', slot: 0 },
        { name: 'user', slot: 1, child: 1 },
      ],
      [{ name: 'username', slot: 2 }],
    ],
    [{ slot: 0 }],
  );
  return (text) => {
    const b = Buffer.from(text);
    const at = j.place(b, 0, b.length);
    return j.scanEvent(at, at + b.length, 3) >= 0;
  };
}

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

test('a walk takes what JSON.parse takes: every escape, number, literal and spacing JSON allows, at any depth', () => {
  const takes = walker();
  const values = [
    '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\\uABcd"', '"\u007f\u00e9"', '0', '-0', '12', '-12.5', '0.5e10', '1E+2', '1e-0', '-0.0E-00', 'true', 'false', 'null',
    '{}', '[]', '{ }', '[ \t\r ]', '{"a":{"b":[1,{"c":null}]},"d":[[],[{}]]}', '[ 1 , "x" , { "k" : [ true ] } ]', '{"\\u0061":1,"a\\"b":2}',
  ];
  for (const value of values) {
    for (const text of [`{"verb":${value}}`, `{"x":${value},"verb":"get"}`, `{"user":{"username":${value},"u":${value}}}`, `{"x":[${value}]}`, ` {\t"x" :\r\n ${value} } `]) {
      assert.ok(parses(text), text);
      assert.ok(takes(text), text);
    }
  }
  // 511 containers inside the event (the stack holds 512 levels); deeper, JSON.parse decides.
  assert.ok(takes(`{"x":${'['.repeat(511)}${']'.repeat(511)}}`));
  assert.ok(!takes(`{"x":${'['.repeat(512)}${']'.repeat(512)}}`));
});

test('a walk declines what JSON.parse rejects: escapes, numbers, literals, members and items', () => {
  const takes = walker();
  const bad = [
    // The reproduction: an escape JSON has not and a leading zero.
    '{"verb":"get","requestURI":"/a","stage":"Resp\\onseComplete","x":01}',
    // A backslash before a newline: no string runs on into the next line.
    '{"verb":"get","auditID":"x\\\n"}',
    '{"verb":"\\x"}', '{"verb":"\\U0041"}', '{"verb":"\\u00g1"}', '{"verb":"\\u12"}', '{"verb":"\\\'"}', '{"verb":"\\\u00e9"}', '{"x":"\\\t"}',
    '{"x":01}', '{"x":-}', '{"x":-a}', '{"x":1.}', '{"x":.5}', '{"x":1.e5}', '{"x":1e}', '{"x":1e+}', '{"x":+1}', '{"x":1-2}', '{"x":0x10}', '{"x":NaN}', '{"x":Infinity}',
    '{"x":tru}', '{"x":truee}', '{"x":nul}', '{"x":nulll}', '{"x":False}', '{"x":undefined}',
    '{"x":[1,]}', '{"x":[,1]}', '{"x":[1 2]}', '{"x":{"a":1,}}', '{"x":{,}}', '{"x":{"a" 1}}', '{"x":{"a":}}', '{"x":{1:2}}', '{"x":{"a"}}', '{"x":[}', '{"x":{]}', '{"x":[1}}',
    '{"x":{"a":"b" "c":1}}', '{"x":["a\u0001"]}', '{"x":{"a\\q":1}}', '{"x": xyz}', '{"x":[\u0001]}', '{"verb":"get",}', '{"verb":"get"', '{"user":{"username":01}}', '{"user":{"username":"\\a"}}',
  ];
  for (const text of bad) {
    assert.ok(!parses(text), text);
    assert.ok(!takes(text), text);
  }
});

test('a walk takes nothing JSON.parse rejects: random objects with random bytes inserted, replaced or deleted', () => {
  const takes = walker();
  const bytes = ['\\', '"', '\n', '\r', '\t', ' ', '\u0001', '0', '1', '-', '+', '.', 'e', 'E', ',', ':', '{', '}', '[', ']', 'u', 'x', 't', 'n', 'f', '/'];
  let taken = 0;
  fc.assert(
    fc.property(
      fc.record({ verb: fc.string(), user: fc.record({ username: fc.string(), groups: fc.array(fc.string()) }), x: fc.jsonValue({ maxDepth: 4 }) }),
      fc.boolean(),
      fc.array(fc.tuple(fc.constantFrom('insert', 'replace', 'delete'), fc.nat(), fc.constantFrom(...bytes)), { minLength: 1, maxLength: 3 }),
      (event, spaced, edits) => {
        let text = JSON.stringify(event, null, spaced ? 1 : undefined);
        for (const [op, at, byte] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + (op === 'delete' ? '' : byte) + text.slice(op === 'insert' ? i : i + 1);
        }
        if (takes(text)) {
          taken++;
          assert.ok(parses(text), text);
        }
      },
    ),
    { numRuns: 5000 },
  );
  // Some edits keep the text JSON (a digit, a space): those are taken, or the test tests nothing.
  assert.ok(taken > 100, `${taken} taken`);
});

test('a walk reads strings inside containers wherever they fall in a block: escapes, quotes and long strings', () => {
  const takes = walker();
  for (let n = 0; n < 40; n++) {
    const filler = 'x'.repeat(n);
    for (const inner of ['\\"', '\\\\', '\\\\\\"', '\\u0041', '\\/', '\\n', ':', ',', '{', ']', 'é']) {
      const text = `{"x":{"a${filler}":"${filler}${inner}","b":["${inner}${filler}",{"${inner}":"${filler}"}],"c":"${filler}${filler}${inner}${filler}"},"verb":"get"}`;
      assert.ok(parses(text), text);
      assert.ok(takes(text), text);
      // Each string cut open by a raw control character or a wrong escape, at the same place.
      for (const bad of ['\u0001', '\\x', '\\u00G0', '\\\n']) {
        const broken = text.replace(`${filler}${inner}`, `${filler}${bad}`);
        assert.ok(!parses(broken), broken);
        assert.ok(!takes(broken), broken);
      }
    }
  }
});
