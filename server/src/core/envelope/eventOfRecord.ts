// One record read on its own (a policy test's eventFile): the audit Event it holds, whatever the
// envelope, through the same unwrapping as the log reader's.
import { formatOfRecord } from './detectFormat.ts';
import { unwrapRecord } from './unwrapRecord.ts';

export type RecordEvent =
  | { readonly ok: true; readonly event: unknown; readonly missing: readonly string[]; readonly envelope: string | undefined }
  | { readonly ok: false; readonly error: string };

export function eventOfRecord(record: unknown): RecordEvent {
  const format = formatOfRecord(record);
  if (format === 'audit') return { ok: true, event: record, missing: [], envelope: undefined };
  const held = unwrapRecord(format, record);
  if (held.length !== 1) return { ok: false, error: `a ${format} record holding ${held.length} events; one is needed` };
  const u = held[0]!;
  switch (u.kind) {
    case 'error':
      return { ok: false, error: u.message };
    case 'mapped':
      return { ok: true, event: u.event, missing: u.missing, envelope: format };
    case 'text':
      try {
        return { ok: true, event: JSON.parse(u.text), missing: [], envelope: format };
      } catch (e) {
        return { ok: false, error: `${u.errorPrefix}invalid JSON: ${(e as Error).message}` };
      }
  }
}
