// How managed clusters' log services wrap each audit Event: one record per line (or table row)
// whose member holds the Event as JSON text. Declared once here; the SQL compiler
// (core/sql/envelopeColumns.ts) unwraps with these facts, and `unwrapEnvelope` is the reference
// it is tested against (and what a line reader can use).
//
// - CloudWatch Logs (EKS): a log event has `message` (the line kube-apiserver wrote) and, depending
//   on the API, `eventId` (FilterLogEvents), `id` (subscription filters, Firehose) or no id
//   (GetLogEvents). Also `timestamp`, `ingestionTime`, `logStreamName`.
// - Azure diagnostic settings (AKS), as a storage-account export writes them, one record per
//   line: `category` ("kube-audit", or "kube-audit-admin" without get/list), `properties.log` (the
//   Event's JSON text), `properties.pod`, `properties.stream`, `time`, `resourceId`. Records of
//   other categories (kube-apiserver, guard, ...) are not audit Events.
//
// The line reader also takes the batches these records come in (CLOUDWATCH_BATCHES, AKS_BATCH)
// and CloudWatch's export to S3 (CLOUDWATCH_EXPORT_LINE); see docs/cloud-logs.md.
import { isJsonObject } from '../jsonObject.ts';

export interface CloudEnvelope {
  /** What one record is, for messages, and its article. */
  readonly title: string;
  readonly article: 'a' | 'an';
  /** Member path of the Event's JSON text. */
  readonly message: readonly string[];
  /** Member paths of the record's id, the first string one wins; none: the record has no id. */
  readonly ids: readonly (readonly string[])[];
  /** A record is an audit record only with one of these values at this path. */
  readonly only?: { readonly path: readonly string[]; readonly values: readonly string[] };
}

export const CLOUD_ENVELOPES = {
  cloudwatch: { title: 'CloudWatch Logs event', article: 'a', message: ['message'], ids: [['eventId'], ['id']] },
  aks: {
    title: 'AKS diagnostic record',
    article: 'an',
    message: ['properties', 'log'],
    ids: [],
    only: { path: ['category'], values: ['kube-audit', 'kube-audit-admin'] },
  },
} as const satisfies Record<string, CloudEnvelope>;

/**
 * CloudWatch Logs batches: the member holding the log events, and what a batch that holds none
 * says. `aws logs filter-log-events` / `get-log-events` print `{"events": [...]}`; a subscription
 * filter (and Firehose, which delivers its payloads to S3) sends `{"messageType": "DATA_MESSAGE",
 * "logEvents": [...]}`, and a `CONTROL_MESSAGE` to check the destination, whose log events are not
 * log lines.
 */
export const CLOUDWATCH_BATCHES = { members: ['events', 'logEvents'], messageType: ['messageType'], control: 'CONTROL_MESSAGE' } as const;

/** Azure diagnostic records sent to an Event Hub come as `{"records": [...]}`. */
export const AKS_BATCH = 'records';

/**
 * CloudWatch Logs export to S3 (CreateExportTask): one log event a line, its timestamp (ISO 8601),
 * one space, its message.
 */
export const CLOUDWATCH_EXPORT_LINE = /^\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2}) /;

export type CloudEnvelopeName = keyof typeof CLOUD_ENVELOPES;

export const CLOUD_ENVELOPE_NAMES = Object.keys(CLOUD_ENVELOPES) as CloudEnvelopeName[];

export const isCloudEnvelopeName = (s: string): s is CloudEnvelopeName => (CLOUD_ENVELOPE_NAMES as readonly string[]).includes(s);

/** The path as a person writes it: `properties.log`. */
export const memberPath = (path: readonly string[]): string => path.join('.');

/** Why a record is not one of `envelope`'s audit records (the record itself was valid JSON). */
export const envelopeMessages = {
  notObject: (e: CloudEnvelope): string => `not ${e.article} ${e.title}: expected a JSON object`,
  noMessage: (e: CloudEnvelope): string => `not ${e.article} ${e.title}: "${memberPath(e.message)}" must be a string holding the audit Event as JSON`,
  /** `value` is JSON text of what was found (or "nothing"). */
  otherRecord: (only: NonNullable<CloudEnvelope['only']>, value: string): string =>
    `not an audit record: ${memberPath(only.path)} is ${value} (audit records have ${only.values.map((v) => JSON.stringify(v)).join(' or ')})`,
  /** Prefix of the error of an inner Event, with the record's id (as JSON text; '' for none). */
  inner: (e: CloudEnvelope, idJson: string): string => (idJson === '' ? `${e.title}: ` : `${e.title} ${idJson}: `),
};

export type UnwrapResult =
  | { readonly ok: true; readonly event: string; readonly id: string }
  | { readonly ok: false; readonly error: string; readonly id: string };

function at(o: unknown, path: readonly string[]): unknown {
  let v = o;
  for (const key of path) v = isJsonObject(v) ? v[key] : undefined;
  return v;
}

/** The Event's JSON text of one parsed record, or why the record holds none. */
export function unwrapEnvelope(envelope: CloudEnvelope, record: unknown): UnwrapResult {
  if (!isJsonObject(record)) return { ok: false, error: envelopeMessages.notObject(envelope), id: '' };
  const id = envelope.ids.map((p) => at(record, p)).find((v): v is string => typeof v === 'string') ?? '';
  const only = envelope.only;
  if (only !== undefined) {
    const value = at(record, only.path);
    if (typeof value !== 'string' || !only.values.includes(value)) {
      return { ok: false, error: envelopeMessages.otherRecord(only, value === undefined ? 'nothing' : JSON.stringify(value)), id };
    }
  }
  const event = at(record, envelope.message);
  if (typeof event !== 'string') return { ok: false, error: envelopeMessages.noMessage(envelope), id };
  // The Event as a line without its line end (AKS keeps the newline kube-apiserver wrote).
  return { ok: true, event: event.replace(/\r?\n$/, ''), id };
}
