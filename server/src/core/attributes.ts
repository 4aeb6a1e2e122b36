// The request attributes the policy checker sees (k8s.io/apiserver authorizer.Attributes, reduced to
// what audit policy rules can match). Produced from a URL (requestInfo) or from an audit Event.

export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

export interface RequestAttributes {
  /** null: the request carries no user (failed authentication); rules with users/userGroups never match. */
  readonly user: UserInfo | null;
  readonly verb: string;
  readonly isResourceRequest: boolean;
  readonly namespace: string;
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  /** The request path without the query string. */
  readonly path: string;
}
