// `lint --fix`: the editor's "Fix all" (core/fixes/fixAll) applied to a policy's text, again on the
// result until nothing changes, since one fix can make another finding fixable; bounded, so fixes
// that undo each other cannot loop.
import { applyEdits } from '../core/fixes/applyEdits.ts';
import { fixAllEdits } from '../core/fixes/fixAll.ts';
import { fixesFor } from '../core/fixes/fixesFor.ts';
import { lint, type LintOptions, type LintResult } from '../core/lint.ts';

const MAX_PASSES = 10;

const fixesOf = (text: string, result: LintResult, options: LintOptions) => fixesFor({ text, policy: result.policy, findings: result.findings, kubernetesVersion: options.kubernetesVersion });

/** How many findings have a fix "Fix all" may apply. */
export const countFixable = (text: string, result: LintResult, options: LintOptions): number => fixesOf(text, result, options).filter((f) => f.fixes.some((x) => x.preferred)).length;

/** The text after every fix, and its lint. */
export function fixPolicy(text: string, options: LintOptions): { readonly text: string; readonly result: LintResult } {
  let result = lint(text, options);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = fixAllEdits(fixesOf(text, result, options));
    const next = edits.length === 0 ? text : applyEdits(text, edits);
    if (next === text) break;
    text = next;
    result = lint(text, options);
  }
  return { text, result };
}
