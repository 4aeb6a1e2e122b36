// The shape of the built-in API catalog: what Kubernetes' discovery documents say each built-in group
// serves. The data itself is generated (data/builtinApi.ts, by scripts/catalog/generate.ts).

export interface CatalogSubresource {
  readonly name: string;
  readonly kind: string;
  /** Set when the subresource's kind lives in another group (serviceaccounts/token -> authentication.k8s.io). */
  readonly kindGroup?: string;
}

export interface CatalogResource {
  /** The plural resource name, the one audit policies and requests use. */
  readonly name: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Versions of the group serving it, newest first. */
  readonly versions: readonly string[];
  readonly subresources: readonly CatalogSubresource[];
}

export interface CatalogGroup {
  /** "" is the core group. */
  readonly name: string;
  readonly versions: readonly string[];
  readonly resources: readonly CatalogResource[];
}

export interface CatalogData {
  /** repo/path@commit of every discovery document the data came from. */
  readonly sources: readonly string[];
  readonly groups: readonly CatalogGroup[];
}
