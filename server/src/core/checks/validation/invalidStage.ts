// ValidatePolicy, validateOmitStages (pkg/apis/audit/validation/validation.go): every entry of the
// policy's and of each rule's omitStages must be a stage name. Called by the loader, since the model
// keeps only valid stages.
import { finding, type Finding } from '../../findings.ts';
import { STAGES, type RuleIndex } from '../../model.ts';
import { quote } from '../../quote.ts';
import type { Span } from '../../span.ts';
import { suggest } from './suggest.ts';

/** `path` is Go's field path of the entry, e.g. omitStages[0] or rules[2].omitStages[1]. */
export function invalidStage(stage: string, path: string, span: Span, rule: RuleIndex | null): Finding | undefined {
  if ((STAGES as readonly string[]).includes(stage)) return undefined;
  const end = suggest(stage, STAGES);
  return finding('invalid-stage', `${quote(stage)} is not a stage, so kube-apiserver refuses the file${end || '.'}`, span, rule, {
    detail: `kube-apiserver says "${path}: Invalid value: ${JSON.stringify(stage)}: allowed stages are ${STAGES.join(',')}".`,
  });
}
