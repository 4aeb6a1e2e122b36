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
import type { Check } from './check.ts';
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
  // Reachability checks (analysis).
  unsatisfiableRule,
  shadowedRule,
  redundantRule,
  catchAllNotLast,
  partialOverlap,
  analysisIncomplete,
];
