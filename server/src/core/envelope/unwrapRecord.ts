// One parsed record of an envelope format, turned into what the reader counts: the audit Event's
// JSON text (CloudWatch, AKS: read as any log line), an Event mapped from the record's fields
// (GKE, ACK), an error, or nothing (a CloudWatch control message, which holds no log lines). A
// batch record (a CloudWatch payload, an Event Hub `records` list) gives one result per member.
import { AKS_BATCH, CLOUD_ENVELOPES, CLOUDWATCH_BATCHES, CLOUDWATCH_EXPORT_LINE, envelopeMessages, unwrapEnvelope, type CloudEnvelope } from './cloudEnvelopes.ts';
import { mapGkeEntry } from './gkeAuditLog.ts';
import type { EnvelopeFormat } from './inputFormats.ts';
import { mapSlsRecord } from './slsAuditRecord.ts';
import { isJsonObject, type JsonObject } from '../jsonObject.ts';

export type Unwrapped =
  /** The Event's JSON text; `errorPrefix` goes before what is wrong with it (names the record). */
  | { readonly kind: 'text'; readonly text: string; readonly errorPrefix: string }
  /** Event fields mapped from the record; `missing`: what the record does not carry (MISSING). */
  | { readonly kind: 'mapped'; readonly event: JsonObject; readonly missing: readonly string[]; readonly errorPrefix: string }
  | { readonly kind: 'error'; readonly message: string };

/**
 * What one record holds. `batch`: the members of the batch the record was read out of, before its
 * list (a streamed `{"messageType": ..., "logEvents": [...]}`), if any.
 */
export function unwrapRecord(format: EnvelopeFormat, record: unknown, batch?: JsonObject): readonly Unwrapped[] {
  switch (format) {
    case 'cloudwatch':
      return cloudwatch(record, batch);
    case 'aks':
      if (isJsonObject(record) && Array.isArray(record[AKS_BATCH])) return record[AKS_BATCH].map((r) => envelope(CLOUD_ENVELOPES.aks, r));
      return [envelope(CLOUD_ENVELOPES.aks, record)];
    case 'gke': {
      const m = mapGkeEntry(record);
      return [m.ok ? { kind: 'mapped', event: m.event, missing: m.missing, errorPrefix: prefix('GKE entry', m.id) } : { kind: 'error', message: m.error }];
    }
    case 'ack': {
      const m = mapSlsRecord(record);
      return [m.ok ? { kind: 'mapped', event: m.event, missing: [], errorPrefix: prefix('ACK record', m.id) } : { kind: 'error', message: m.error }];
    }
  }
}

/** The message of a CloudWatch export-to-S3 line (`TIMESTAMP MESSAGE`), or undefined if the line is not one. */
export function cloudwatchExportMessage(line: string): string | undefined {
  const m = CLOUDWATCH_EXPORT_LINE.exec(line);
  return m === null ? undefined : line.slice(m[0].length);
}

const prefix = (title: string, id: string): string => (id === '' ? `${title}: ` : `${title} ${JSON.stringify(id)}: `);

function cloudwatch(record: unknown, batch: JsonObject | undefined): readonly Unwrapped[] {
  if (isControl(batch)) return [];
  if (isJsonObject(record)) {
    for (const member of CLOUDWATCH_BATCHES.members) {
      const events = record[member];
      // A batch, not a log event (whose message is what counts).
      if (Array.isArray(events) && !('message' in record)) return isControl(record) ? [] : events.map((e) => envelope(CLOUD_ENVELOPES.cloudwatch, e));
    }
  }
  return [envelope(CLOUD_ENVELOPES.cloudwatch, record)];
}

function isControl(batch: JsonObject | undefined): boolean {
  return batch?.[CLOUDWATCH_BATCHES.messageType[0]] === CLOUDWATCH_BATCHES.control;
}

function envelope(e: CloudEnvelope, record: unknown): Unwrapped {
  const u = unwrapEnvelope(e, record);
  if (!u.ok) return { kind: 'error', message: u.id === '' ? u.error : `${u.error} (${e.title} ${JSON.stringify(u.id)})` };
  return { kind: 'text', text: u.event, errorPrefix: envelopeMessages.inner(e, u.id === '' ? '' : JSON.stringify(u.id)) };
}
