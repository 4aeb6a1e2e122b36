// The one table of checks `lint` runs, in order. Adding a check is one import and one line here.
// The loader (load/loadPolicy.ts) reports what it finds while reading the file (syntax, types,
// unknown fields, apiVersion/kind, levels and stages); everything else is a check in this table.
import {
  analysisIncomplete,
  catchAllNotLast,
  partialOverlap,
  redundantRule,
  shadowedRule,
  unsatisfiableRule,
} from '../analysis/reachabilityChecks.ts';
import { coreGroupName } from './catalog/coreGroupName.ts';
import { kindInsteadOfResource } from './catalog/kindInsteadOfResource.ts';
import { obsoleteUser } from './catalog/obsoleteUser.ts';
import { removedApi } from './catalog/removedApi.ts';
import { resourceInWrongGroup } from './catalog/resourceInWrongGroup.ts';
import { unknownGroup } from './catalog/unknownGroup.ts';
import { unknownResource } from './catalog/unknownResource.ts';
import { unknownSubresource } from './catalog/unknownSubresource.ts';
import type { Check } from './check.ts';
import { execNotAudited } from './practice/execNotAudited.ts';
import { execVerbsIncomplete } from './practice/execVerbsIncomplete.ts';
import { logsNothing } from './practice/logsNothing.ts';
import { noCatchAll } from './practice/noCatchAll.ts';
import { panicOmitted } from './practice/panicOmitted.ts';
import { redundantOmitStage } from './practice/redundantOmitStage.ts';
import { sensitiveResourceBody } from './practice/sensitiveResourceBody.ts';
import { invalidGroup } from './validation/invalidGroup.ts';
import { invalidNonResourceUrl } from './validation/invalidNonResourceUrl.ts';
import { mixedResourceAndNonResource } from './validation/mixedResourceAndNonResource.ts';
import { noRules } from './validation/noRules.ts';
import { resourceNamesWithoutResources } from './validation/resourceNamesWithoutResources.ts';

export const CHECKS: readonly Check[] = [
  // ValidatePolicy (pkg/apis/audit/validation) and the reader's rule count.
  invalidNonResourceUrl,
  mixedResourceAndNonResource,
  resourceNamesWithoutResources,
  invalidGroup,
  noRules,
  // Catalog and practice checks (checks/catalog, checks/practice).
  coreGroupName,
  removedApi,
  resourceInWrongGroup,
  kindInsteadOfResource,
  unknownResource,
  unknownSubresource,
  unknownGroup,
  obsoleteUser,
  sensitiveResourceBody,
  execNotAudited,
  execVerbsIncomplete,
  noCatchAll,
  logsNothing,
  redundantOmitStage,
  panicOmitted,
  // Reachability checks (analysis).
  unsatisfiableRule,
  shadowedRule,
  redundantRule,
  catchAllNotLast,
  partialOverlap,
  analysisIncomplete,
];
