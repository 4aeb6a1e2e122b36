// The quick fixes of every finding code, in one table, and the entry point the language server (and
// tests) call: the fixes for the findings that touch a range of the text.
import type { Code } from '../codes.ts';
import type { Finding } from '../findings.ts';
import type { Span } from '../span.ts';
import { apiVersionFix } from './apiVersionFix.ts';
import { duplicateKeyFix, obsoleteUserFix, wrongKindFix } from './cleanupFixes.ts';
import { kindInsteadOfResourceFix, removedApiFix, unknownGroupFix, unknownResourceFix, wrongGroupFix } from './catalogFixes.ts';
import { levelFix, stageFix } from './enumValueFix.ts';
import type { Fix, FixInput, FixProvider, TextEdit } from './fix.ts';
import { groupFix } from './groupFix.ts';
import { headerFix } from './headerFix.ts';
import { invalidTypeFix } from './invalidTypeFix.ts';
import { nonResourceUrlFix } from './nonResourceUrlFix.ts';
import { panicOmittedFix, redundantOmitStageFix } from './omitStageFix.ts';
import { addCatchAllFix, execVerbsFix } from './ruleAdditions.ts';
import { resourceNamesFix } from './resourceNamesFix.ts';
import { deleteRuleFix, deleteUnsatisfiableRuleFix, moveCatchAllFix, moveShadowedRuleFix } from './ruleOrderFixes.ts';
import { sensitiveBodyFix } from './sensitiveBodyFix.ts';
import { splitMixedRuleFix } from './splitMixedRuleFix.ts';
import { unknownFieldFix } from './unknownFieldFix.ts';
import { YamlSource } from './yamlSource.ts';

export const FIXES: Partial<Record<Code, FixProvider>> = {
  'unsupported-api-version': apiVersionFix,
  'deprecated-api-version': apiVersionFix,
  'missing-api-version': headerFix,
  'missing-kind': headerFix,
  'unknown-field': unknownFieldFix,
  'invalid-type': invalidTypeFix,
  'invalid-level': levelFix,
  'invalid-stage': stageFix,
  'core-group-name': groupFix,
  'invalid-group': groupFix,
  'invalid-non-resource-url': nonResourceUrlFix,
  'mixed-resource-and-non-resource': splitMixedRuleFix,
  'resource-names-without-resources': resourceNamesFix,
  'resource-in-wrong-group': wrongGroupFix,
  'kind-instead-of-resource': kindInsteadOfResourceFix,
  'removed-api': removedApiFix,
  'unknown-resource': unknownResourceFix,
  'unknown-group': unknownGroupFix,
  'sensitive-resource-body': sensitiveBodyFix,
  'redundant-omit-stage': redundantOmitStageFix,
  'panic-omitted': panicOmittedFix,
  'duplicate-key': duplicateKeyFix,
  'obsolete-user': obsoleteUserFix,
  'wrong-kind': wrongKindFix,
  'exec-verbs-incomplete': execVerbsFix,
  'no-catch-all': addCatchAllFix,
  'catch-all-not-last': moveCatchAllFix,
  'redundant-rule': deleteRuleFix,
  'unsatisfiable-rule': deleteUnsatisfiableRuleFix,
  'shadowed-rule': moveShadowedRuleFix,
};

export interface FindingFixes {
  readonly finding: Finding;
  readonly fixes: readonly Fix[];
}

/** Equal for the same edit offered by two findings (missing apiVersion and missing kind share one). */
export const fixKey = (fix: Fix): string => `${fix.title}\0${JSON.stringify(fix.edits)}`;

const inLine = (text: string, e: TextEdit): boolean => !/[\r\n]/.test(text.slice(e.span.start, e.span.end)) && !/[\r\n]/.test(e.newText);

const touches = (a: Span, b: Span): boolean => a.start <= b.end && b.start <= a.end;

/** Fixes for each finding whose span touches `range` (all findings without a range). Never throws. */
export function fixesFor(input: FixInput, range?: Span): FindingFixes[] {
  const wanted = input.findings.filter((f) => FIXES[f.code] !== undefined && (range === undefined || touches(f.span, range)));
  if (wanted.length === 0) return [];
  const ctx = { ...input, yaml: new YamlSource(input.text, input.policy.source.span.start) };
  const out: FindingFixes[] = [];
  for (const finding of wanted) {
    let fixes: readonly Fix[] = [];
    try {
      fixes = (FIXES[finding.code] as FixProvider)(finding, ctx);
    } catch {
      // A fix that cannot understand the text offers nothing rather than breaking the others.
      fixes = [];
    }
    // In a document with syntax errors only in-line replacements are safe: whole-line edits would
    // cut along a tree that need not match the text.
    if (ctx.yaml.broken) fixes = fixes.filter((fix) => fix.edits.every((e) => inLine(input.text, e)));
    if (fixes.length > 0) out.push({ finding, fixes });
  }
  return out;
}
