// unknown-resource: a name that no built-in group serves as a resource (e.g. tokenrequests).
import type { Check } from '../check.ts';
import { catalogFindings } from './catalogFindings.ts';

export const unknownResource: Check = (ctx) => catalogFindings(ctx, 'unknown-resource');
