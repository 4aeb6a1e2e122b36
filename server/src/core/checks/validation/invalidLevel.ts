// ValidatePolicy, validateLevel (pkg/apis/audit/validation/validation.go): a rule's level is
// required and must be one of None, Metadata, Request, RequestResponse. The loader calls this while
// building the model, because the model cannot hold a level that is not one of these.
import { finding, type Finding } from '../../findings.ts';
import { LEVELS, type RuleIndex } from '../../model.ts';
import { quote } from '../../quote.ts';
import type { Span } from '../../span.ts';
import { suggest } from './suggest.ts';

/** `level` is the decoded string ("" when missing or null, as in Go). */
export function invalidLevel(level: string, span: Span, rule: RuleIndex): Finding | undefined {
  if ((LEVELS as readonly string[]).includes(level)) return undefined;
  const path = `rules[${rule}].level`;
  if (level === '') {
    return finding('invalid-level', 'This rule has no level, so kube-apiserver refuses the file: set None, Metadata, Request or RequestResponse.', span, rule, {
      detail: `kube-apiserver says "${path}: Required value".`,
    });
  }
  const supported = LEVELS.map((l) => `"${l}"`).join(', ');
  const end = suggest(level, LEVELS);
  return finding('invalid-level', `${quote(level)} is not a level, so kube-apiserver refuses the file${end || '.'}`, span, rule, {
    detail: `kube-apiserver says "${path}: Unsupported value: ${JSON.stringify(level)}: supported values: ${supported}".`,
  });
}
