// kind-instead-of-resource: "Pod" or "pod" where the plural resource name "pods" goes.
import type { Check } from '../check.ts';
import { catalogFindings } from './catalogFindings.ts';

export const kindInsteadOfResource: Check = (ctx) => catalogFindings(ctx, 'kind-instead-of-resource');
