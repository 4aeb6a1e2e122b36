// The URI kube-apiserver would have been called with for a request's attributes (the inverse of
// RequestInfoFactory for ordinary requests): /api/v1 or /apis/GROUP/v1, then the namespace, the
// resource, the name and the subresource; watch as ?watch=true. Non-resource requests use their
// path. Characters a URI cannot carry are percent-encoded, so the path read back from the URI (Go's
// URL.Path, percent-decoded) is the one the witness was built for.
import type { RequestAttributes } from '../attributes.ts';

function escapePath(path: string): string {
  try {
    return encodeURI(path).replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
  } catch {
    // encodeURI rejects lone surrogates; the verification of the witness decides whether it survives.
    return path.replace(/[%#?]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
}

export function resourcePath(a: Pick<RequestAttributes, 'apiGroup' | 'apiVersion' | 'namespace' | 'resource' | 'name' | 'subresource'>): string {
  const version = a.apiVersion === '' ? 'v1' : a.apiVersion;
  const segments = a.apiGroup === '' ? ['api', version] : ['apis', a.apiGroup, version];
  if (a.namespace !== '') segments.push('namespaces', a.namespace);
  segments.push(a.resource);
  if (a.name !== '' || a.subresource !== '') segments.push(a.name);
  if (a.subresource !== '') segments.push(a.subresource);
  return `/${segments.join('/')}`;
}

export function requestURI(a: RequestAttributes): string {
  if (!a.isResourceRequest) return escapePath(a.path);
  return escapePath(a.path) + (a.verb === 'watch' ? '?watch=true' : '');
}
