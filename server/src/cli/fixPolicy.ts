// `lint --fix`: the editor's "Fix all" (core/fixes/fixAll, which repeats passes to a fixed point)
// applied to a policy's text, and the lint of the result.
import { fixAll } from '../core/fixes/fixAll.ts';
import { fixesFor } from '../core/fixes/fixesFor.ts';
import { lint, type LintOptions, type LintResult } from '../core/lint.ts';

/** How many findings have a fix "Fix all" may apply. */
export const countFixable = (text: string, result: LintResult, options: LintOptions): number =>
  fixesFor({ text, policy: result.policy, findings: result.findings, kubernetesVersion: options.kubernetesVersion }).filter((f) => f.fixes.some((x) => x.preferred)).length;

/** The text after every fix, and its lint. */
export function fixPolicy(text: string, options: LintOptions): { readonly text: string; readonly result: LintResult } {
  const fixed = fixAll(text, options).text;
  return { text: fixed, result: lint(fixed, options) };
}
