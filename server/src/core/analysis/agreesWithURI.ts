// Whether a request's attributes are what kube-apiserver itself would read from the request's
// URI (requestinfo.go, via the core's requestInfo): a witness Event is only realistic when its
// requestURI and its objectRef/verb tell the same story.
import type { RequestAttributes } from '../attributes.ts';
import { requestInfo } from '../request/requestInfo.ts';
import { requestURI, RESOURCE_METHODS } from './requestURI.ts';

/** The HTTP method the request was sent with: a resource verb's, or the non-resource verb upper-cased. */
export const httpMethod = (a: RequestAttributes): string | undefined => (a.isResourceRequest ? RESOURCE_METHODS[a.verb] : a.verb.toUpperCase());

export function agreesWithURI(a: RequestAttributes): boolean {
  const method = httpMethod(a);
  if (method === undefined) return false;
  const parsed = requestInfo(method, requestURI(a));
  if (!parsed.ok || parsed.queryWarning !== undefined) return false;
  const i = parsed.info;
  return (
    i.isResourceRequest === a.isResourceRequest &&
    i.verb === a.verb &&
    i.path === a.path &&
    i.namespace === a.namespace &&
    i.apiGroup === a.apiGroup &&
    i.apiVersion === a.apiVersion &&
    i.resource === a.resource &&
    i.subresource === a.subresource &&
    i.name === a.name
  );
}
