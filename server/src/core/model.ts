// The audit policy as kube-apiserver holds it after loading (pkg/apis/audit types), plus where each
// part came from in the source text. Built by the loader; read by every other part of the core.
import type { Span } from './span.ts';

export const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
export type Level = (typeof LEVELS)[number];

export const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] as const;
export type Stage = (typeof STAGES)[number];

/** Position of a rule in `rules:` (0-based), the index every report and the CLI contract use. */
export type RuleIndex = number & { readonly __brand: 'RuleIndex' };
export const ruleIndex = (n: number): RuleIndex => n as RuleIndex;

/** A list value together with the span of each item, so findings can point at one entry. */
export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export interface GroupResources {
  /** "" is the core group. From Kubernetes 1.36 "*" means every group. */
  readonly group: string;
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly source: GroupResourcesSource;
}

export interface GroupResourcesSource {
  readonly span: Span;
  readonly group?: Span;
  readonly resources: readonly Span[];
  readonly resourceNames: readonly Span[];
}

export interface PolicyRule {
  readonly index: RuleIndex;
  /** null when missing or not one of LEVELS (reported as invalid-level); such a rule never matches. */
  readonly level: Level | null;
  readonly users: readonly string[];
  readonly userGroups: readonly string[];
  readonly verbs: readonly string[];
  readonly resources: readonly GroupResources[];
  readonly namespaces: readonly string[];
  readonly nonResourceURLs: readonly string[];
  /** Only valid stages; invalid ones are reported as invalid-stage and left out. */
  readonly omitStages: readonly Stage[];
  /** undefined = not set, the policy's value applies. */
  readonly omitManagedFields: boolean | undefined;
  readonly source: RuleSource;
}

export type RuleField =
  | 'level'
  | 'users'
  | 'userGroups'
  | 'verbs'
  | 'resources'
  | 'namespaces'
  | 'nonResourceURLs'
  | 'omitStages'
  | 'omitManagedFields';

export interface RuleSource {
  /** The whole rule mapping. */
  readonly span: Span;
  /** Key span of each field present in the source (for hover, fixes and findings). */
  readonly keys: Partial<Record<RuleField, Span>>;
  /** Value span of each field present in the source. */
  readonly values: Partial<Record<RuleField, Span>>;
  /** Item spans of list fields, parallel to the lists above. */
  readonly items: Partial<Record<Exclude<RuleField, 'level' | 'omitManagedFields' | 'resources'>, readonly Span[]>>;
}

export interface Policy {
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly rules: readonly PolicyRule[];
  readonly omitStages: readonly Stage[];
  readonly omitManagedFields: boolean;
  readonly source: PolicySource;
}

export interface PolicySource {
  /** The YAML document holding the policy. */
  readonly span: Span;
  /** Value spans (quotes included for quoted scalars), like every value span in the model. */
  readonly apiVersion?: Span;
  readonly kind?: Span;
  readonly rulesKey?: Span;
  readonly omitStagesKey?: Span;
  readonly omitStagesItems: readonly Span[];
  readonly omitManagedFieldsKey?: Span;
}
