// Where each finding code is documented: its README section. The anchor is the code itself, as
// GitHub derives it from a heading that is just the code.
import type { Code } from '../codes.ts';

export const REPOSITORY_URL = 'https://github.com/kube-audit-policy/kube-audit-policy';

export const codeDocumentationUrl = (code: Code): string => `${REPOSITORY_URL}#${code}`;
