// Which format a log is in, told from its first record's top-level keys (as far as the head shows
// them), never from the file name: the head is the start of the decompressed log. A kube-apiserver
// Event (or EventList, or a line that is not JSON) is `audit`: the reader's own path, unchanged.
import { AKS_BATCH, CLOUD_ENVELOPES, CLOUDWATCH_BATCHES, CLOUDWATCH_EXPORT_LINE } from './cloudEnvelopes.ts';
import { GKE_AUDIT_LOG } from './gkeAuditLog.ts';
import type { InputFormat } from './inputFormats.ts';
import { SLS_RECORD } from './slsAuditRecord.ts';

/** Top-level keys of the first object and the first character of each one's value ('' if cut off). */
type Keys = Map<string, string>;

/** The head's format. Bytes enough for the first record's leading keys suffice (64 KiB is plenty). */
export function detectFormat(head: string): InputFormat {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const nl = text.indexOf('\n');
  const firstLine = (nl < 0 ? text : text.slice(0, nl)).trimStart();
  if (CLOUDWATCH_EXPORT_LINE.test(firstLine)) return 'cloudwatch';
  let p = skipSpace(text, 0);
  if (text[p] === '[') p = skipSpace(text, p + 1);
  if (text[p] !== '{') return 'audit';
  return formatOfKeys(topLevelKeys(text, p));
}

/** The format of one parsed record (an event file of a policy test), by the same keys. */
export function formatOfRecord(record: unknown): InputFormat {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'audit';
  const first = (v: unknown): string => (typeof v === 'string' ? '"' : Array.isArray(v) ? '[' : typeof v === 'object' && v !== null ? '{' : 'x');
  return formatOfKeys(new Map(Object.entries(record).map(([k, v]) => [k, first(v)])));
}

function formatOfKeys(keys: Keys): InputFormat {
  const cw = CLOUDWATCH_BATCHES;
  if (keys.has(cw.messageType[0]) || cw.members.some((m) => keys.get(m) === '[' && !keys.has('verb'))) return 'cloudwatch';
  if (keys.get(GKE_AUDIT_LOG.payload) === '{') return 'gke';
  const aks = CLOUD_ENVELOPES.aks;
  if ((keys.get(aks.only.path[0]) === '"' && keys.get(aks.message[0]) === '{') || keys.get(AKS_BATCH) === '[') return 'aks';
  // Only SLS's own fields tell: an Event whose user is a string is a broken Event, not an SLS record.
  if ([...keys.keys()].some((k) => (SLS_RECORD.markers as readonly string[]).includes(k) || k.startsWith(SLS_RECORD.tagPrefix))) return 'ack';
  // A CloudWatch log event on its own (e.g. `jq -c '.events[]'`): a message and the event's own fields.
  if (keys.get(CLOUD_ENVELOPES.cloudwatch.message[0]) === '"' && !keys.has('verb') && (keys.has('timestamp') || keys.has('eventId') || keys.has('ingestionTime'))) return 'cloudwatch';
  return 'audit';
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t';

function skipSpace(s: string, p: number): number {
  while (p < s.length && isSpace(s[p])) p++;
  return p;
}

/** After the string whose opening quote is at p, or -1 if it does not end in s. */
function stringEnd(s: string, p: number): number {
  for (let i = p + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i + 1;
  }
  return -1;
}

/** After the value at p (strings and nesting skipped), or -1 if it does not end in s. */
function valueEnd(s: string, p: number): number {
  let depth = 0;
  for (let i = p; i < s.length; ) {
    const c = s[i]!;
    if (c === '"') {
      i = stringEnd(s, i);
      if (i < 0) return -1;
      if (depth === 0) return i;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === ',' || isSpace(c))) return i;
    i++;
  }
  return -1;
}

function topLevelKeys(s: string, open: number): Keys {
  const keys: Keys = new Map();
  let p = open + 1;
  for (;;) {
    p = skipSpace(s, p);
    if (s[p] !== '"') return keys;
    const end = stringEnd(s, p);
    if (end < 0) return keys;
    let key: string;
    try {
      key = JSON.parse(s.slice(p, end)) as string;
    } catch {
      return keys;
    }
    p = skipSpace(s, end);
    if (s[p] !== ':') return keys;
    p = skipSpace(s, p + 1);
    keys.set(key, s[p] ?? '');
    p = valueEnd(s, p);
    if (p < 0) return keys;
    p = skipSpace(s, p);
    if (s[p] !== ',') return keys;
    p++;
  }
}
