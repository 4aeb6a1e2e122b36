// The URI kube-apiserver would have been called with for a request's attributes (the inverse of
// RequestInfoFactory for ordinary requests): /api/v1 or /apis/GROUP/VERSION, then the namespace,
// the resource, the name and the subresource; a list or watch names its object by
// fieldSelector=metadata.name, since a name in the path makes it a get; watch adds ?watch=true.
// A namespace object is addressed as /api/v1/namespaces/NAME (requestinfo.go reads NAME as the
// namespace as well). Non-resource requests use their path. Characters a URI cannot carry are
// percent-encoded, so the path read back from the URI (Go's URL.Path, percent-decoded) is the one
// the witness was built for.
import type { RequestAttributes } from '../attributes.ts';

/** The HTTP method of each resource verb (requestinfo.go maps them back; list/watch/deletecollection come from the URL). */
export const RESOURCE_METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  list: 'GET',
  watch: 'GET',
  create: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  deletecollection: 'DELETE',
};

/** The subresources requestinfo.go reads as the namespace object's own (not as resources in it). */
const NAMESPACE_SUBRESOURCES = new Set(['', 'status', 'finalize']);

function escapePath(path: string): string {
  try {
    return encodeURI(path).replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
  } catch {
    // encodeURI rejects lone surrogates; the verification of the witness decides whether it survives.
    return path.replace(/[%#?]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
}

/** A list or watch of one object: the name goes in the field selector, not the path. */
const namedCollection = (a: Pick<RequestAttributes, 'verb' | 'name' | 'subresource'>): boolean =>
  (a.verb === 'list' || a.verb === 'watch') && a.name !== '' && a.subresource === '';

export function resourcePath(a: Pick<RequestAttributes, 'verb' | 'apiGroup' | 'apiVersion' | 'namespace' | 'resource' | 'name' | 'subresource'>): string {
  const version = a.apiVersion === '' ? 'v1' : a.apiVersion;
  const segments = a.apiGroup === '' ? ['api', version] : ['apis', a.apiGroup, version];
  const namespaceObject = a.apiGroup === '' && a.resource === 'namespaces' && a.name !== '' && a.name === a.namespace && NAMESPACE_SUBRESOURCES.has(a.subresource);
  if (a.namespace !== '' && !namespaceObject) segments.push('namespaces', a.namespace);
  segments.push(a.resource);
  const name = namedCollection(a) ? '' : a.name;
  if (name !== '' || a.subresource !== '') segments.push(name);
  if (a.subresource !== '') segments.push(a.subresource);
  return `/${segments.join('/')}`;
}

export function requestURI(a: RequestAttributes): string {
  if (!a.isResourceRequest) return escapePath(a.path);
  const query: string[] = [];
  if (namedCollection(a)) query.push(`fieldSelector=${encodeURIComponent(`metadata.name=${a.name.replace(/[\\,=]/g, '\\$&')}`)}`);
  if (a.verb === 'watch') query.push('watch=true');
  return escapePath(a.path) + (query.length > 0 ? `?${query.join('&')}` : '');
}
