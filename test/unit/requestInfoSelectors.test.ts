// The selector parsers behind fieldSelector=metadata.name (k8s.io/apimachinery pkg/fields and
// pkg/labels): which selectors decode, and which name a field selector pins.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFieldSelector, requiresExactMatch } from '../../server/src/core/request/fieldSelector.ts';
import { isInt64 } from '../../server/src/core/request/isInt64.ts';
import { labelSelectorError } from '../../server/src/core/request/labelSelectorError.ts';

const VALID_LABEL_SELECTORS = [
  '', '  ', 'a', '!a', 'a=b', 'a==b', 'a!=b', 'a in (b)', 'a notin (b,c)', 'a,b', 'a>1', 'a<2',
  'x in (foo,,baz),y,z notin ()', 'example.com/key=v', 'a=', 'a in ()', ' a = b ', 'in in (in)', 'notin=in',
  'a in (,)', 'a=b,c!=d', 'a\tin\t(b)', `${'k'.repeat(63)}=${'v'.repeat(63)}`,
];
const INVALID_LABEL_SELECTORS = [
  'a b', 'a=b=c', '!a=b', ',a', 'a,', 'a in b', 'a>b', 'a>', 'a<-1', 'a<+2', '-a', 'a in (b', 'a=(', 'ex/ample/key', 'Example.com/a',
  'a=b c', '!', 'a=-b', 'a in (b c)', '=a', 'a!b', 'a in ((b))', 'a>>1', `${'k'.repeat(64)}`, `a=${'v'.repeat(64)}`, 'a>99999999999999999999',
];

test('label selectors that labels.Parse accepts', () => {
  for (const s of VALID_LABEL_SELECTORS) assert.equal(labelSelectorError(s), undefined, JSON.stringify(s));
});

test('label selectors that labels.Parse rejects', () => {
  for (const s of INVALID_LABEL_SELECTORS) assert.ok(labelSelectorError(s), JSON.stringify(s));
});

/** [field selector, the metadata.name it pins (undefined: none), or an error substring] */
const FIELD_SELECTORS: readonly (readonly [string, string | undefined | { error: string }])[] = [
  ['', undefined],
  ['metadata.name=a', 'a'],
  ['metadata.name==a', 'a'],
  ['metadata.name!=a', undefined],
  ['metadata.name=', ''],
  ['metadata.namespace=x,metadata.name=a', 'a'],
  ['metadata.name=b,metadata.name=a', 'a'],
  ['metadata.name=a\\,b', 'a,b'],
  ['metadata.name=a\\=b', 'a=b'],
  ['metadata.name=a\\\\', 'a\\'],
  [' metadata.name=a', undefined],
  ['metadata.name =a', undefined],
  ['metadata.name=a,', 'a'],
  [',,metadata.name=a', 'a'],
  ['metadata.name=a=b', { error: 'unescaped character: =' }],
  ['metadata.name=a\\x', { error: 'invalid escape sequence' }],
  ['metadata.name=a\\', { error: 'invalid escape sequence' }],
  ['metadata.name', { error: "can't understand 'metadata.name'" }],
];

test('field selectors: parse errors and the pinned metadata.name', () => {
  for (const [selector, expected] of FIELD_SELECTORS) {
    const parsed = parseFieldSelector(selector);
    if (typeof expected === 'object') {
      assert.equal(parsed.ok, false, selector);
      if (!parsed.ok) assert.ok(parsed.error.includes(expected.error), `${selector}: ${parsed.error}`);
      continue;
    }
    assert.ok(parsed.ok, selector);
    if (parsed.ok) assert.equal(requiresExactMatch(parsed.terms, 'metadata.name'), expected, selector);
  }
});

/** strconv.ParseInt(s, 10, 64), which decides whether limit and timeoutSeconds decode. */
const INT64_CASES: readonly (readonly [string, boolean])[] = [
  ['0', true], ['-0', true], ['+5', true], ['0009223372036854775807', true], ['9223372036854775807', true], ['9223372036854775808', false],
  ['-9223372036854775808', true], ['-9223372036854775809', false], ['1'.repeat(100000), false], ['', false], ['1_000', false],
  ['1.5', false], [' 1', false], ['0x10', false], ['\u0661', false],
];

test('int64 query values as Go parses them', () => {
  for (const [s, expected] of INT64_CASES) assert.equal(isInt64(s), expected, JSON.stringify(s).slice(0, 30));
});
