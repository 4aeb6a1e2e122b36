// "Fix all": the preferred fix of every finding that does not collide with another, as one set of
// edits. The editor's source.fixAll action and the CLI's `lint --fix` apply exactly this.
import type { Fix, TextEdit } from './fix.ts';
import type { FindingFixes } from './fixesFor.ts';

/**
 * The preferred fix of each finding, smallest first (a one-word correction wins over a rule move
 * around it), skipping any whose edits touch edits already taken.
 */
export function fixAllEdits(all: readonly FindingFixes[]): TextEdit[] {
  const extent = (fix: Fix): number => fix.edits.reduce((n, e) => n + (e.span.end - e.span.start) + e.newText.length, 0);
  const preferred = all.map(({ fixes }) => fixes.find((f) => f.preferred)).filter((f): f is Fix => f !== undefined);
  const taken: TextEdit[] = [];
  const collides = (fix: Fix): boolean => fix.edits.some((e) => taken.some((t) => e.span.start <= t.span.end && t.span.start <= e.span.end));
  for (const fix of preferred.sort((a, b) => extent(a) - extent(b))) if (!collides(fix)) taken.push(...fix.edits);
  return taken;
}
