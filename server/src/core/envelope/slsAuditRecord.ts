// ACK (Alibaba Cloud Container Service for Kubernetes) keeps the audit log in a Simple Log Service
// logstore (audit-<cluster id>). SLS stores a log as flat string fields: the Event's top-level
// fields under their own names, its objects and arrays (user, objectRef, responseStatus,
// annotations, sourceIPs, requestObject, ...) as JSON text, and its own fields named __x__
// (__time__, __topic__, __source__, __tag__:...). An export (the console's download, an OSS
// shipping in JSON, `aliyunlog log get_log_all`) writes one such record per line or a JSON array
// of them. With JSON indexing a field may also come expanded as `user.username`.
import { isJsonObject, type JsonObject } from '../jsonObject.ts';

export const SLS_RECORD = {
  /** SLS's own fields (__time__, __topic__, __source__, __tag__:__hostname__, ...) start so. */
  ownPrefix: '__',
  /** The ones that tell an SLS record: every export writes __time__, most __topic__ and __source__. */
  markers: ['__time__', '__topic__', '__source__'],
  tagPrefix: '__tag__:',
  /** Event fields SLS holds as JSON text. */
  jsonFields: ['user', 'impersonatedUser', 'objectRef', 'responseStatus', 'annotations', 'sourceIPs', 'requestObject', 'responseObject'],
} as const;

export type SlsMapped = { readonly ok: true; readonly event: JsonObject; readonly id: string } | { readonly ok: false; readonly error: string; readonly id: string };

/** The audit Event an SLS record holds, or why it holds none. */
export function mapSlsRecord(record: unknown): SlsMapped {
  if (!isJsonObject(record)) return { ok: false, error: 'not an ACK (Simple Log Service) audit record: expected a JSON object', id: '' };
  const id = typeof record['auditID'] === 'string' ? record['auditID'] : '';
  const fail = (error: string): SlsMapped => ({ ok: false, error: id === '' ? `ACK record: ${error}` : `ACK record ${JSON.stringify(id)}: ${error}`, id });
  const event: JsonObject = {};
  const jsonFields: readonly string[] = SLS_RECORD.jsonFields;
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith(SLS_RECORD.ownPrefix)) continue;
    const dot = key.indexOf('.');
    const top = dot < 0 ? key : key.slice(0, dot);
    let v = value;
    if (jsonFields.includes(top) && typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        v = JSON.parse(v);
      } catch {
        return fail(`${key} is not JSON text`);
      }
    }
    if (dot < 0) {
      event[key] = v;
      continue;
    }
    // An expanded field, user.username: into its object (the JSON text form wins if both come).
    const parent = (event[top] ??= {});
    if (!isJsonObject(parent)) return fail(`${key} comes with ${top} that is not an object`);
    const child = key.slice(dot + 1);
    if (!(child in parent)) parent[child] = v;
  }
  return { ok: true, event, id };
}
