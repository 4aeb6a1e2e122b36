// unknown-group: a group kube-apiserver does not build in (a CRD or aggregated API); information only.
import type { Check } from '../check.ts';
import { catalogFindings } from './catalogFindings.ts';

export const unknownGroup: Check = (ctx) => catalogFindings(ctx, 'unknown-group');
