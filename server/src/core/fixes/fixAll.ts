// "Fix all": the preferred fix of every finding, in passes until none is left to apply. One pass is
// not enough when a fix reveals a finding (`group: core` → `""` shows that `deployments` is in
// another group) or when two fixes touch the same lines (the second waits for the next pass).
import { lint, type LintOptions } from '../lint.ts';
import { applyEdits } from './applyEdits.ts';
import type { Fix, TextEdit } from './fix.ts';
import { fixesFor, type FindingFixes } from './fixesFor.ts';

/** Enough for every chain seen on the corpus (two passes) with room to spare; a cycle stops earlier. */
const MAX_PASSES = 8;

export interface FixAllResult {
  /** The text with every fix applied. */
  readonly text: string;
  /** Edits against the original text that give `text`; empty when nothing was fixed. */
  readonly edits: readonly TextEdit[];
  /** Passes that changed the text. */
  readonly passes: number;
}

/**
 * The preferred fix of each finding, smallest first (a one-word correction wins over a rule move
 * around it), skipping any whose edits touch edits already taken: one pass.
 */
export function fixAllEdits(all: readonly FindingFixes[]): TextEdit[] {
  const extent = (fix: Fix): number => fix.edits.reduce((n, e) => n + (e.span.end - e.span.start) + e.newText.length, 0);
  const preferred = all.map(({ fixes }) => fixes.find((f) => f.preferred)).filter((f): f is Fix => f !== undefined);
  const taken: TextEdit[] = [];
  const collides = (fix: Fix): boolean => fix.edits.some((e) => taken.some((t) => e.span.start <= t.span.end && t.span.start <= e.span.end));
  for (const fix of preferred.sort((a, b) => extent(a) - extent(b))) if (!collides(fix)) taken.push(...fix.edits);
  return taken;
}

/** Applies passes of `fixAllEdits` until one changes nothing (a fixed point), re-linting in between. */
export function fixAll(text: string, options: LintOptions): FixAllResult {
  const seen = new Set([text]);
  let current = text;
  let firstPass: readonly TextEdit[] = [];
  let passes = 0;
  while (passes < MAX_PASSES) {
    const { policy, findings } = lint(current, options);
    const edits = fixAllEdits(fixesFor({ text: current, policy, findings, kubernetesVersion: options.kubernetesVersion }));
    const next = applyEdits(current, edits);
    // A text seen before means two fixes undo each other: stop rather than go round.
    if (next === current || seen.has(next)) break;
    if (passes === 0) firstPass = edits;
    seen.add(next);
    current = next;
    passes++;
  }
  return { text: current, edits: passes <= 1 ? firstPass : [changedRegion(text, current)], passes };
}

/** One edit replacing what differs between the two texts (their common start and end stay). */
function changedRegion(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { span: { start, end: before.length - end }, newText: after.slice(start, after.length - end) };
}
