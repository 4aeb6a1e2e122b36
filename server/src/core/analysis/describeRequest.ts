// One line a person reads as a request: "GET /api/v1/namespaces/default/secrets as alice",
// "DELETE /apis/apps/v1/... as system:anonymous", "GET /healthz with no user (failed authentication)".
import type { RequestAttributes } from '../attributes.ts';
import { ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED } from './requestSpace.ts';
import { requestURI, RESOURCE_METHODS } from './requestURI.ts';

/** Non-resource requests carry the lowercase HTTP method as verb. */
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'connect', 'trace']);

export function describeRequest(a: RequestAttributes): string {
  const method = a.isResourceRequest ? RESOURCE_METHODS[a.verb] : HTTP_METHODS.has(a.verb) ? a.verb.toUpperCase() : undefined;
  const uri = requestURI(a);
  // A list and a get of one URL differ only by the name, so say "list"/"watch" when it helps.
  const what = method === undefined ? `${JSON.stringify(a.verb)} ${uri}` : `${method} ${uri}${a.verb === 'list' || a.verb === 'deletecollection' ? ` (${a.verb})` : ''}`;
  return `${what} ${who(a)}`;
}

function who(a: RequestAttributes): string {
  if (a.user === null) return 'with no user (failed authentication)';
  const implied = a.user.name === ANONYMOUS ? UNAUTHENTICATED : AUTHENTICATED;
  const extra = a.user.groups.filter((g) => g !== implied);
  const name = a.user.name === '' ? 'a user with an empty name' : a.user.name;
  return extra.length === 0 ? `as ${name}` : `as ${name} in group${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`;
}
