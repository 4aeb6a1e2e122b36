// Runs one check on a policy text as lint would (loadPolicy, then the check with a fresh context)
// and reports its findings as [1-based line, code, message] for data-driven assertions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCheckContext, type Check } from '../../server/src/core/checks/check.ts';
import type { Finding } from '../../server/src/core/findings.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { LineIndex } from '../../server/src/core/span.ts';

export interface Seen {
  readonly line: number;
  readonly code: string;
  /** What the finding tells a reader: its sentence and its detail (see said). */
  readonly message: string;
  readonly finding: Finding;
}

/** The finding's sentence followed by its detail: what the tests mean by "the finding says". */
export const said = (f: Finding): string => (f.detail === undefined ? f.message : `${f.message} ${f.detail}`);

export function findingsOf(check: Check, text: string, minor = 36): Seen[] {
  const v = { major: 1 as const, minor };
  const { policy } = loadPolicy(text, v);
  const lines = new LineIndex(text);
  return [...check(createCheckContext(policy, text, v))].map((f) => ({
    line: lines.position(f.span.start).line + 1,
    code: f.code,
    message: said(f),
    finding: f,
  }));
}

/** Expected findings as [line, code, a fragment of the message], in order; [] = none. */
export type Expected = readonly (readonly [number, string, string])[];

export function check(check: Check, text: string, expected: Expected, minor = 36): void {
  const seen = findingsOf(check, text, minor);
  const label = `${text}\n(Kubernetes 1.${minor}) gave:\n${seen.map((s) => `  ${s.line} ${s.code}: ${s.message}`).join('\n')}`;
  assert.equal(seen.length, expected.length, label);
  expected.forEach(([line, code, fragment], i) => {
    const s = seen[i] as Seen;
    assert.equal(s.line, line, label);
    assert.equal(s.code, code, label);
    assert.ok(s.message.includes(fragment), `${JSON.stringify(fragment)} not in ${JSON.stringify(s.message)}`);
  });
}

const CORPUS = join(__dirname, '..', 'fixtures', 'corpus', 'policies');

export const corpusPolicy = (name: string): string => readFileSync(join(CORPUS, name), 'utf8');

/** 1-based line of the first occurrence of `needle` at or after line `from` in the text. */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if ((lines[i] as string).includes(needle)) return i + 1;
  throw new Error(`${needle} not found`);
}
