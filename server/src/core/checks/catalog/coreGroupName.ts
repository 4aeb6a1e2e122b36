// core-group-name: "core" or "v1" written as the group; the core group is "".
import type { Check } from '../check.ts';
import { catalogFindings } from './catalogFindings.ts';

export const coreGroupName: Check = (ctx) => catalogFindings(ctx, 'core-group-name');
