// Builds policies for the analysis tests directly as the loader's model (no YAML), so random and
// hand-written cases stay small. Spans are empty: these tests look at verdicts, not locations.
import type { GroupResources, Level, Policy, PolicyRule, Stage } from '../../server/src/core/model.ts';
import { ruleIndex } from '../../server/src/core/model.ts';

export interface RuleSpec {
  readonly level?: Level | null;
  readonly users?: readonly string[];
  readonly userGroups?: readonly string[];
  readonly verbs?: readonly string[];
  readonly resources?: readonly { readonly group?: string; readonly resources?: readonly string[]; readonly resourceNames?: readonly string[] }[];
  readonly namespaces?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
  readonly omitStages?: readonly Stage[];
  readonly omitManagedFields?: boolean;
}

const none = { start: 0, end: 0 };

export function makeRule(spec: RuleSpec, index: number): PolicyRule {
  const resources: GroupResources[] = (spec.resources ?? []).map((gr) => ({
    group: gr.group ?? '',
    resources: gr.resources ?? [],
    resourceNames: gr.resourceNames ?? [],
    source: { span: none, resources: [], resourceNames: [] },
  }));
  return {
    index: ruleIndex(index),
    level: spec.level === undefined ? 'Metadata' : spec.level,
    users: spec.users ?? [],
    userGroups: spec.userGroups ?? [],
    verbs: spec.verbs ?? [],
    resources,
    namespaces: spec.namespaces ?? [],
    nonResourceURLs: spec.nonResourceURLs ?? [],
    omitStages: spec.omitStages ?? [],
    omitManagedFields: spec.omitManagedFields,
    source: { span: none, keys: {}, values: {}, items: {} },
  };
}

export function makePolicy(rules: readonly RuleSpec[], top: { omitStages?: readonly Stage[]; omitManagedFields?: boolean } = {}): Policy {
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    rules: rules.map(makeRule),
    omitStages: top.omitStages ?? [],
    omitManagedFields: top.omitManagedFields ?? false,
    source: { span: none, omitStagesItems: [] },
  };
}
