// Cloud Logging entries (GKE) whose protoPayload is a google.cloud.audit.AuditLog written for
// Kubernetes (serviceName k8s.io), mapped to the audit Event fields the policy checker reads.
// GKE does not write kube-apiserver's Event: it writes the request in Cloud Audit Logs terms.
//
// - `methodName`: io.k8s.<group, reversed>.<version>.<resource>[.<subresource>].<verb>, e.g.
//   io.k8s.core.v1.pods.get, io.k8s.authorization.rbac.v1.clusterrolebindings.create: the verb is
//   its last part (the group is reversed, so the rest is read from resourceName).
// - `resourceName`: <group>/<version>/[namespaces/<ns>/]<resource>[/<name>[/<subresource>]], the
//   core group written "core", e.g. core/v1/namespaces/shop/pods/api-1/exec. Namespaces
//   themselves and their status/finalize subresources read as in requestinfo.go.
// - `authenticationInfo.principalEmail`: the user name; `requestMetadata`: caller IP and user agent.
//
// What the entry does not carry is said per event (MISSING), never guessed: the user's groups (so a
// rule with userGroups cannot be decided exactly), and nothing of the audit level or stage it was
// recorded at, nor its bodies.
import { MISSING } from './missingFields.ts';
import { isJsonObject, type JsonObject } from '../jsonObject.ts';

/** The facts of the envelope, declared once (detection reads them too). */
export const GKE_AUDIT_LOG = {
  payload: 'protoPayload',
  type: 'type.googleapis.com/google.cloud.audit.AuditLog',
  service: 'k8s.io',
  coreGroup: 'core',
  methodPrefix: 'io.k8s.',
  /** requestinfo.go's namespaceSubresources: namespaces/<ns>/<these> is the namespace's subresource. */
  namespaceSubresources: ['status', 'finalize'],
} as const;

export type GkeMapped =
  | { readonly ok: true; readonly event: JsonObject; readonly missing: readonly string[]; readonly id: string }
  | { readonly ok: false; readonly error: string; readonly id: string };

const NOT_ENTRY = 'not a GKE audit log entry';

/** The audit Event fields of one Cloud Logging entry, or why it holds no Kubernetes request. */
export function mapGkeEntry(entry: unknown): GkeMapped {
  if (!isJsonObject(entry)) return { ok: false, error: `${NOT_ENTRY}: expected a JSON object`, id: '' };
  const id = typeof entry['insertId'] === 'string' ? entry['insertId'] : '';
  const fail = (error: string): GkeMapped => ({ ok: false, error: id === '' ? error : `GKE entry ${JSON.stringify(id)}: ${error}`, id });
  const p = entry[GKE_AUDIT_LOG.payload];
  if (!isJsonObject(p)) return fail(`${NOT_ENTRY}: it has no protoPayload object`);
  const type = p['@type'];
  if (type !== undefined && type !== GKE_AUDIT_LOG.type) return fail(`${NOT_ENTRY}: protoPayload is ${JSON.stringify(type)}, not a Cloud Audit Logs AuditLog`);
  const service = p['serviceName'];
  if (service !== undefined && service !== GKE_AUDIT_LOG.service) {
    return fail(`an audit log entry of ${JSON.stringify(service)}, not of Kubernetes (serviceName "k8s.io")`);
  }
  const method = p['methodName'];
  if (typeof method !== 'string' || !method.startsWith(GKE_AUDIT_LOG.methodPrefix)) {
    return fail(`protoPayload.methodName must be a Kubernetes method (io.k8s.…), got ${method === undefined ? 'nothing' : JSON.stringify(method)}`);
  }
  const verb = method.slice(method.lastIndexOf('.') + 1);
  const resourceName = p['resourceName'];
  if (typeof resourceName !== 'string' || resourceName === '') return fail('protoPayload.resourceName must be a non-empty string');
  const target = resourceName.startsWith('/') ? { requestURI: resourceName } : resourceOf(resourceName);
  if (target === undefined) return fail(`protoPayload.resourceName ${JSON.stringify(resourceName)} is not <group>/<version>/<resource>…`);

  const missing: string[] = [MISSING.userGroups];
  const auth = p['authenticationInfo'];
  const principal = isJsonObject(auth) ? auth['principalEmail'] : undefined;
  const event: JsonObject = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb, ...target };
  if (typeof principal === 'string' && principal !== '') event['user'] = { username: principal };
  else missing.unshift(MISSING.user);
  const meta = p['requestMetadata'];
  if (isJsonObject(meta)) {
    if (typeof meta['callerIp'] === 'string') event['sourceIPs'] = [meta['callerIp']];
    if (typeof meta['callerSuppliedUserAgent'] === 'string') event['userAgent'] = meta['callerSuppliedUserAgent'];
  }
  if (typeof entry['timestamp'] === 'string') event['stageTimestamp'] = entry['timestamp'];
  return { ok: true, event, missing, id };
}

/** objectRef and requestURI of a resourceName, as requestinfo.go reads a resource path; undefined if it is not one. */
function resourceOf(name: string): JsonObject | undefined {
  const [group, version, ...parts] = name.split('/');
  if (group === undefined || group === '' || version === undefined || version === '' || parts.length === 0 || parts.includes('')) return undefined;
  let namespace = '';
  let rest = parts;
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1]!;
    if (parts.length > 2 && !(GKE_AUDIT_LOG.namespaceSubresources as readonly string[]).includes(parts[2]!)) rest = parts.slice(2);
  }
  const [resource, objectName, subresource] = rest;
  const apiGroup = group === GKE_AUDIT_LOG.coreGroup ? '' : group;
  const objectRef: JsonObject = { resource, apiGroup, apiVersion: version };
  if (namespace !== '') objectRef['namespace'] = namespace;
  if (objectName !== undefined) objectRef['name'] = objectName;
  if (subresource !== undefined) objectRef['subresource'] = subresource;
  const prefix = apiGroup === '' ? `/api/${version}` : `/apis/${apiGroup}/${version}`;
  return { objectRef, requestURI: `${prefix}/${parts.join('/')}` };
}
