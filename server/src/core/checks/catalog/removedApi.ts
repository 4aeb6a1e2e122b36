// removed-api: a group or resource the target release no longer serves (extensions, settings.k8s.io, podsecuritypolicies).
import type { Check } from '../check.ts';
import { catalogFindings } from './catalogFindings.ts';

export const removedApi: Check = (ctx) => catalogFindings(ctx, 'removed-api');
