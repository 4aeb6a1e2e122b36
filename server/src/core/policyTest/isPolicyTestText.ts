// Which files are policy tests rather than policies: their text says `kind: PolicyTest` (block,
// flow or JSON style), or, while still being written, their name ends in .test.yaml/.test.yml and
// they hold nothing but a test file's keys (other tools' `*.test.yaml`, such as Prometheus rule
// tests, have keys of their own). The editor gives them test-file support, and no tool lints them
// as audit policies, although `audit-policy.test.yaml` matches the default policy pattern.
import { testSchemaKeys } from './testSchemaKeys.ts';

/** `kind: PolicyTest` as a block key (at the start of a line, a comment is no key) or in a flow mapping. */
const KIND = /(^[ \t]*(-[ \t]+)?|[{,][ \t]*)["']?kind["']?[ \t]*:[ \t]*["']?PolicyTest["']?(?=[\s,}#]|$)/m;

export const TEST_FILE_NAME = /\.test\.ya?ml$/;

export const isPolicyTestText = (text: string): boolean => KIND.test(text);

const FILE_KEYS = new Set(testSchemaKeys('file').map((k) => k.key));
const TOP_LEVEL_KEY = /^["']?([^\s"':#-][^"':]*)["']?[ \t]*:(?=[ \t]|$)/gm;

/** A test file by its content, or by its name while it holds only a test file's keys (none yet, say) and no other kind. */
export function isPolicyTestFile(path: string, text: string): boolean {
  if (isPolicyTestText(text)) return true;
  if (!TEST_FILE_NAME.test(path) || /(^[ \t]*|[{,][ \t]*)["']?kind["']?[ \t]*:/m.test(text)) return false;
  return [...text.matchAll(TOP_LEVEL_KEY)].every((m) => FILE_KEYS.has(m[1] as string));
}
