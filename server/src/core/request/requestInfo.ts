// An HTTP method and request target turned into the request attributes kube-apiserver audits,
// following RequestInfoFactory.NewRequestInfo (k8s.io/apiserver pkg/endpoints/request/requestinfo.go)
// with kube-apiserver's prefixes: "api" (no group) and "apis".
//
// Deliberately reproduced, not cleaned up: the path is percent-decoded but never normalised, so
// "..", "." and empty segments ("//") are ordinary segments, exactly as the Go code splits them.
import type { RequestAttributes, UserInfo } from '../attributes.ts';
import { listRequest } from './listOptions.ts';
import { parseQuery } from './parseQuery.ts';
import { unescapePath } from './unescapePath.ts';

export interface RequestInfo {
  readonly isResourceRequest: boolean;
  /** URL path, percent-decoded, without the query. */
  readonly path: string;
  /** Kube verb for resource requests ("" for a method it does not map); lowercase method otherwise. */
  readonly verb: string;
  readonly apiPrefix: string;
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  /** Path segments from the resource on: resource/name/subresource/... */
  readonly parts: readonly string[];
}

export type RequestInfoResult =
  | {
      readonly ok: true;
      readonly info: RequestInfo;
      /** Set when the list options did not decode: the server then ignores the field selector. */
      readonly queryWarning?: string;
    }
  | { readonly ok: false; readonly error: string };

const API_PREFIXES: ReadonlySet<string> = new Set(['api', 'apis']);
const GROUPLESS_API_PREFIXES: ReadonlySet<string> = new Set(['api']);
/** Verbs given as a path segment before the resource (deprecated forms). */
const SPECIAL_VERBS: ReadonlySet<string> = new Set(['proxy', 'watch']);
/** Special verbs after which no segment is a subresource. */
const SPECIAL_VERBS_NO_SUBRESOURCES: ReadonlySet<string> = new Set(['proxy']);
/** Subresources of a namespace, as opposed to resources inside it. */
const NAMESPACE_SUBRESOURCES: ReadonlySet<string> = new Set(['status', 'finalize']);

const METHOD_VERBS: ReadonlyMap<string, string> = new Map([
  ['POST', 'create'],
  ['GET', 'get'],
  ['HEAD', 'get'],
  ['PUT', 'update'],
  ['PATCH', 'patch'],
  ['DELETE', 'delete'],
]);

function splitPath(path: string): string[] {
  let start = 0;
  let end = path.length;
  while (start < end && path[start] === '/') start++;
  while (end > start && path[end - 1] === '/') end--;
  return start === end ? [] : path.slice(start, end).split('/');
}

/**
 * `method` is the HTTP method exactly as sent (HTTP methods are case-sensitive: "get" is not GET);
 * `target` is the request target: a path with an optional "?query".
 */
export function requestInfo(method: string, target: string): RequestInfoResult {
  const q = target.indexOf('?');
  const rawPath = q === -1 ? target : target.slice(0, q);
  const rawQuery = q === -1 ? '' : target.slice(q + 1);
  const path = unescapePath(rawPath);
  if (path === null) return { ok: false, error: `invalid percent-encoding in path ${JSON.stringify(rawPath)} (the server answers 400 before auditing)` };

  const nonResource: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  let parts = splitPath(path);
  if (parts.length < 3 || !API_PREFIXES.has(parts[0] as string)) return { ok: true, info: nonResource };
  const apiPrefix = parts[0] as string;
  parts = parts.slice(1);
  let apiGroup = '';
  if (!GROUPLESS_API_PREFIXES.has(apiPrefix)) {
    if (parts.length < 3) return { ok: true, info: { ...nonResource, apiPrefix } };
    apiGroup = parts[0] as string;
    parts = parts.slice(1);
  }
  const apiVersion = parts[0] as string;
  parts = parts.slice(1);

  let verb: string;
  if (SPECIAL_VERBS.has(parts[0] as string)) {
    if (parts.length < 2) {
      // NewRequestInfo fails; the WithRequestInfo filter answers 500 and nothing is audited.
      return { ok: false, error: `unable to determine kind and namespace from url ${JSON.stringify(target)} (the server answers 500 before auditing)` };
    }
    verb = parts[0] as string;
    parts = parts.slice(1);
  } else {
    verb = METHOD_VERBS.get(method) ?? '';
  }

  let namespace = '';
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1] as string;
    // "/namespaces/NS/RES..." is a namespaced resource; "/namespaces/NS" and its status/finalize
    // subresources are the namespace object itself.
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] as string)) parts = parts.slice(2);
  }

  const resource = parts[0] ?? '';
  let name = parts[1] ?? '';
  const subresource = parts.length >= 3 && !SPECIAL_VERBS_NO_SUBRESOURCES.has(verb) ? (parts[2] as string) : '';

  let queryWarning: string | undefined;
  if (name === '' && verb === 'get') {
    const list = listRequest(parseQuery(rawQuery));
    verb = list.verb;
    name = list.name;
    queryWarning = list.decodeError;
  }
  if (name === '' && verb === 'delete') verb = 'deletecollection';

  const info: RequestInfo = { isResourceRequest: true, path, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts };
  return queryWarning === undefined ? { ok: true, info } : { ok: true, info, queryWarning };
}

/** The attributes the policy checker sees for this request when sent by `user` (null: no user). */
export function toRequestAttributes(info: RequestInfo, user: UserInfo | null): RequestAttributes {
  const { isResourceRequest, path, verb, apiGroup, apiVersion, namespace, resource, subresource, name } = info;
  return { user, verb, isResourceRequest, namespace, apiGroup, apiVersion, resource, subresource, name, path };
}
