// The log formats the reader takes, named once: what `--input-format` accepts, what detection
// answers, and how messages name them.
export const INPUT_FORMATS = {
  audit: 'kube-apiserver audit Events (JSON lines, an EventList or a JSON array)',
  cloudwatch: 'CloudWatch Logs (EKS): filter-log-events / get-log-events output, subscription or Firehose payloads, export-to-S3 lines',
  aks: 'Azure diagnostic records (AKS): category kube-audit / kube-audit-admin, the Event in properties.log',
  gke: 'Cloud Logging entries (GKE): Cloud Audit Logs of k8s.io, mapped to requests (user groups unknown)',
  ack: 'Simple Log Service records (ACK): the audit logstore exported as JSON',
} as const;

export type InputFormat = keyof typeof INPUT_FORMATS;
/** A format other than kube-apiserver's own: records that wrap or describe an Event. */
export type EnvelopeFormat = Exclude<InputFormat, 'audit'>;

export const INPUT_FORMAT_NAMES = Object.keys(INPUT_FORMATS) as InputFormat[];

export const isInputFormat = (s: string): s is InputFormat => (INPUT_FORMAT_NAMES as readonly string[]).includes(s);
