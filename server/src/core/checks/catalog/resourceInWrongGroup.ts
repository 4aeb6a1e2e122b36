// resource-in-wrong-group: a resource listed under a group that does not serve it (deployments under core "").
import type { Check } from '../check.ts';
import { catalogFindings } from './catalogFindings.ts';

export const resourceInWrongGroup: Check = (ctx) => catalogFindings(ctx, 'resource-in-wrong-group');
