// What an envelope may not carry of a request, named once: the words the summary, the jsonl
// records and the panel show, and the policy rule field whose match cannot be decided without it.
import type { PolicyRule } from '../model.ts';

export const MISSING = {
  user: 'user',
  userGroups: 'user groups',
} as const;

export type MissingField = (typeof MISSING)[keyof typeof MISSING];

/** Per missing field, the rule fields that read it: a rule with one of them cannot be decided exactly. */
const READ_BY: Record<string, readonly ('users' | 'userGroups')[]> = {
  [MISSING.user]: ['users', 'userGroups'],
  [MISSING.userGroups]: ['userGroups'],
};

/** Whether `rule` reads one of `missing` (a rule without users/userGroups matches any user). */
export function ruleReadsMissing(rule: Pick<PolicyRule, 'users' | 'userGroups'>, missing: readonly string[]): boolean {
  return missing.some((m) => (READ_BY[m] ?? []).some((field) => rule[field].length > 0));
}
