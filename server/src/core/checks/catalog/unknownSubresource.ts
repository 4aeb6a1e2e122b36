// unknown-subresource: "res/sub" or "*/sub" where the resource has no such subresource.
import type { Check } from '../check.ts';
import { catalogFindings } from './catalogFindings.ts';

export const unknownSubresource: Check = (ctx) => catalogFindings(ctx, 'unknown-subresource');
