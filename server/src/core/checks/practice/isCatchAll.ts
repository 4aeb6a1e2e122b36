// A rule that matches every request: a valid level and no selector at all (checker.go ruleMatches
// returns true when users, userGroups, verbs, namespaces, resources and nonResourceURLs are all empty).
// Any selector excludes some request (users: requests without a user; verbs: other verbs;
// namespaces or resources: non-resource requests; nonResourceURLs: resource requests), so this
// syntactic test is exact.
import type { PolicyRule } from '../../model.ts';

export const isCatchAll = (r: PolicyRule): boolean =>
  r.level !== null &&
  r.users.length === 0 &&
  r.userGroups.length === 0 &&
  r.verbs.length === 0 &&
  r.namespaces.length === 0 &&
  r.resources.length === 0 &&
  r.nonResourceURLs.length === 0;
