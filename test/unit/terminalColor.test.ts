// When the CLI colours its output: a terminal without NO_COLOR (no-color.org: any non-empty value).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CliIO } from '../../server/src/cli/io.ts';
import { painter, terminalColor } from '../../server/src/cli/terminalColor.ts';

function check(isTTY: boolean | undefined, NO_COLOR: string | undefined, expected: boolean): void {
  // terminalColor reads only isTTY of the stream.
  const io = { stdout: { isTTY } as CliIO['stdout'], env: { NO_COLOR } };
  assert.equal(terminalColor(io), expected, `isTTY ${isTTY}, NO_COLOR ${JSON.stringify(NO_COLOR)}`);
}

test('colour only on a terminal without NO_COLOR', () => {
  check(true, undefined, true);
  check(true, '', true);
  check(true, '1', false);
  check(false, undefined, false);
  check(undefined, undefined, false);
});

test('painter wraps in an SGR code and resets, or leaves the text alone', () => {
  assert.equal(painter(true)('31', 'error'), '\u001b[31merror\u001b[0m');
  assert.equal(painter(false)('31', 'error'), 'error');
});
