// The loader against kube-apiserver's reader (staging/src/k8s.io/apiserver/pkg/audit/policy/reader.go):
// one case per behaviour, each with the findings expected as [code, the source text they point at,
// words the message must contain]. Cases without findings are the passing examples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Code } from '../../server/src/core/codes.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { said } from './checksHarness.ts';

const H = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';

interface LoadCase {
  readonly name: string;
  readonly yaml: string;
  readonly minor?: number;
  readonly expect: readonly (readonly [Code, string, string?])[];
}

const CASES: readonly LoadCase[] = [
  { name: 'a minimal valid policy', yaml: `${H}rules:\n- level: Metadata\n`, expect: [] },
  // YAML syntax: kube-apiserver fails converting YAML to JSON.
  { name: 'unterminated flow list', yaml: `${H}rules:\n- level: [Metadata\n`, expect: [['yaml-syntax', '- level: [Metadata', 'Flow sequence'], ['invalid-type', '[Metadata\n', 'cannot unmarshal array']] },
  { name: 'tab indentation', yaml: `${H}rules:\n\t- level: None\n`, expect: [['yaml-syntax', '\t', 'Tabs are not allowed as indentation']] },
  // Data starting with "{" goes to the JSON decoder (apimachinery's recognizer), not the YAML one.
  { name: 'a flow mapping as the whole file must be JSON', yaml: '{apiVersion: audit.k8s.io/v1, kind: Policy, rules: [{level: None}]}\n', expect: [['yaml-syntax', 'apiVersion: audit.k8s.io/v1, kind: Policy, rules: [{level: None}]}', 'reads it as JSON']] },
  { name: 'a JSON policy is fine', yaml: '{"apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": [{"level": "None"}]}', expect: [] },
  { name: 'a byte-order mark before the flow mapping makes it YAML', yaml: '\uFEFF{apiVersion: audit.k8s.io/v1, kind: Policy, rules: [{level: None}]}\n', expect: [] },
  { name: 'a comment before the flow mapping makes it YAML', yaml: '# policy\n{apiVersion: audit.k8s.io/v1, kind: Policy, rules: [{level: None}]}\n', expect: [] },
  { name: 'a control character', yaml: `${H}rules:\n- level: None\n  users: [a\u0007b]\n`, expect: [['yaml-syntax', '\u0007', 'U+0007']] },
  { name: 'unknown alias', yaml: `${H}rules:\n- level: None\n  verbs: *nope\n`, expect: [['yaml-syntax', '*nope', "unknown anchor 'nope'"]] },
  // Types: encoding/json's UnmarshalTypeError wording, on the value.
  { name: 'verbs: get (a string where a list goes)', yaml: `${H}rules:\n- level: None\n  verbs: get\n`, expect: [['invalid-type', 'get', 'json: cannot unmarshal string into Go struct field PolicyRule.rules.verbs of type []string']] },
  { name: 'a number in users', yaml: `${H}rules:\n- level: None\n  users: [1234]\n`, expect: [['invalid-type', '1234', 'cannot unmarshal number into Go struct field PolicyRule.rules.users of type string']] },
  { name: 'a mapping where the resources list goes', yaml: `${H}rules:\n- level: None\n  resources: {group: apps}\n`, expect: [['invalid-type', '{group: apps}', 'cannot unmarshal object into Go struct field PolicyRule.rules.resources of type []v1.GroupResources']] },
  { name: 'resources: [pods] (a resource where a group entry goes)', yaml: `${H}rules:\n- level: None\n  resources: [pods]\n`, expect: [['invalid-type', 'pods', 'of type v1.GroupResources". Each resources entry names a group: write {group: "", resources: [pods]}']] },
  { name: 'a number as group', yaml: `${H}rules:\n- level: None\n  resources: [{group: 1}]\n`, expect: [['invalid-type', '1', 'Go struct field GroupResources.rules.resources.group of type string']] },
  { name: 'a number as level is a type error, not an invalid level', yaml: `${H}rules:\n- level: 5\n`, expect: [['invalid-type', '5', 'of type v1.Level']] },
  { name: 'a rule that is not a mapping', yaml: `${H}rules: [5, {level: None}]\n`, expect: [['invalid-type', '5', 'Go struct field Policy.rules of type v1.PolicyRule']] },
  { name: 'the document is a list', yaml: '- level: None\n', expect: [['invalid-type', '- level: None\n', 'The document is a list']] },
  // YAML 1.1 typing (gopkg.in/yaml.v2): unquoted yes/on/True are booleans, 0x1F/1_000/08 numbers.
  { name: 'omitManagedFields: True (YAML 1.1 boolean)', yaml: `${H}omitManagedFields: True\nrules:\n- level: None\n  omitManagedFields: off\n`, expect: [] },
  { name: 'omitManagedFields: "true" is a string', yaml: `${H}omitManagedFields: "true"\nrules:\n- level: None\n`, expect: [['invalid-type', '"true"', 'cannot unmarshal string into Go struct field Policy.omitManagedFields of type bool']] },
  { name: 'unquoted yes in users is a boolean', yaml: `${H}rules:\n- level: None\n  users: [yes, "no"]\n`, expect: [['invalid-type', 'yes', 'cannot unmarshal bool']] },
  { name: 'hex, underscores, leading zeros and .inf are numbers', yaml: `${H}rules:\n- level: None\n  namespaces: [0x1F, 1_000, 08, .inf]\n`, expect: [['invalid-type', '0x1F', 'number'], ['invalid-type', '1_000', 'number'], ['invalid-type', '08', 'number'], ['invalid-type', '.inf', 'number']] },
  { name: 'sexagesimal and timestamps stay strings in YAML 1.1 as Go reads it', yaml: `${H}rules:\n- level: None\n  users: [12:30, 2001-12-14, 1.2.3]\n`, expect: [] },
  { name: 'null is accepted everywhere (Go leaves the field unset)', yaml: `${H}omitStages: ~\nrules:\n- level: None\n  verbs: null\n  users: [~]\n  omitManagedFields:\n  resources: [null]\n`, expect: [] },
  // Unknown fields: dropped by the lenient decode; what that does to the rule.
  { name: 'verb: instead of verbs', yaml: `${H}rules:\n- level: None\n  verb: [get]\n`, expect: [['unknown-field', 'verb', 'so this rule matches every verb. Did you mean "verbs"?']] },
  { name: 'Verbs: unknown on the oldest release too (json-iterator was case-sensitive)', minor: 19, yaml: `${H}rules:\n- level: None\n  Verbs: [get]\n`, expect: [['unknown-field', 'Verbs', 'case-sensitive']] },
  { name: 'Verbs: field names are case-sensitive', yaml: `${H}rules:\n- level: None\n  Verbs: [get]\n`, expect: [['unknown-field', 'Verbs', 'case-sensitive: did you mean "verbs"']] },
  { name: 'resource: inside a resources entry', yaml: `${H}rules:\n- level: None\n  resources:\n  - group: apps\n    resource: [deployments]\n`, expect: [['unknown-field', 'resource', 'matches every resource of its group']] },
  { name: 'an unknown field next to the real one', yaml: `${H}rules:\n- level: None\n  verbs: [get]\n  verb: [list]\n`, expect: [['unknown-field', 'verb', 'keeps its own "verbs"']] },
  { name: 'a misspelt level key leaves the rule without a level', yaml: `${H}rules:\n- levl: None\n`, expect: [['unknown-field', 'levl', 'has no level'], ['invalid-level', 'levl', 'Required value']] },
  { name: 'an unknown policy-level field', yaml: `${H}omitStage: [RequestReceived]\nrules:\n- level: None\n`, expect: [['unknown-field', 'omitStage', 'no stage is omitted at policy level']] },
  { name: 'a rule field at policy level', yaml: `${H}level: Metadata\nrules:\n- level: None\n`, expect: [['unknown-field', 'level', 'is a rule field: put it in an entry of rules']] },
  { name: 'a resources-entry field in a rule', yaml: `${H}rules:\n- level: None\n  group: apps\n`, expect: [['unknown-field', 'group', 'belongs in an entry of resources']] },
  { name: 'metadata as Go marshals it is known', yaml: `${H}metadata:\n  name: x\n  creationTimestamp: null\nrules:\n- level: None\n`, expect: [] },
  { name: 'a number as a label value', yaml: `${H}metadata: {labels: {tier: 1}}\nrules:\n- level: None\n`, expect: [['invalid-type', '1', 'cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string']] },
  { name: 'an unknown metadata field', yaml: `${H}metadata: {nme: x}\nrules:\n- level: None\n`, expect: [['unknown-field', 'nme', 'in metadata']] },
  // Duplicate keys: strict decoding fails, lenient keeps the last value.
  { name: 'a key set twice', yaml: `${H}rules:\n- level: None\n  level: Metadata\n`, expect: [['duplicate-key', 'level', 'keeps the value set last']] },
  { name: 'a key overriding a << merge is a duplicate for the strict decode', yaml: `${H}rules:\n- &base {level: None, verbs: [get]}\n- <<: *base\n  level: Metadata\n`, expect: [['duplicate-key', 'level', 'set both directly and through a << merge']] },
  { name: 'a << merge that is not a mapping', yaml: `${H}rules:\n- level: None\n  <<: [a]\n`, expect: [['yaml-syntax', 'a', 'map merge requires map or sequence of maps']] },
  // Documents: only the first is read.
  { name: 'a second document', yaml: `${H}rules:\n- level: None\n---\napiVersion: v1\nkind: ConfigMap\n`, expect: [['multiple-documents', '---', 'only the first YAML document']] },
  { name: 'an empty first document is what kube-apiserver reads', yaml: `---\n---\n${H}rules:\n- level: None\n`, expect: [['multiple-documents', '---', 'ignored'], ['missing-api-version', '---', ''], ['missing-kind', '---', '']] },
  { name: 'a trailing empty document is harmless', yaml: `${H}rules:\n- level: None\n---\n`, expect: [] },
  { name: 'comments and a document start before the policy', yaml: `# audit policy\n---\n${H}rules:\n- level: None\n`, expect: [] },
  // apiVersion and kind.
  { name: 'no apiVersion and no kind (gce 2017)', yaml: 'rules:\n- level: None\n', expect: [['missing-api-version', 'rules', 'unknown group version field audit.k8s.io/__internal, Kind=Policy'], ['missing-kind', 'rules', 'assumes Policy']] },
  { name: 'kind missing: kube-apiserver defaults it', yaml: 'apiVersion: audit.k8s.io/v1\nrules:\n- level: None\n', expect: [['missing-kind', 'apiVersion', 'assumes Policy']] },
  { name: 'empty apiVersion', yaml: 'apiVersion: ""\nkind: Policy\nrules:\n- level: None\n', expect: [['missing-api-version', '""', 'apiVersion is missing']] },
  { name: 'an empty file', yaml: '', expect: [['missing-api-version', '', 'apiVersion is missing'], ['missing-kind', '', 'kind is missing']] },
  { name: 'kind: PolicyList', yaml: 'apiVersion: audit.k8s.io/v1\nkind: PolicyList\nrules:\n- level: None\n', expect: [['wrong-kind', 'PolicyList', 'cannot become the single Policy']] },
  { name: 'kind: policy (case)', yaml: 'apiVersion: audit.k8s.io/v1\nkind: policy\nrules:\n- level: None\n', expect: [['wrong-kind', 'policy', 'case-sensitive']] },
  { name: 'v1beta1 on the latest release', yaml: 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: None\n', expect: [['unsupported-api-version', 'audit.k8s.io/v1beta1', 'no kind \\"Policy\\" is registered for version \\"audit.k8s.io/v1beta1\\"']] },
  { name: 'v1alpha1 on 1.24', minor: 24, yaml: 'apiVersion: audit.k8s.io/v1alpha1\nkind: Policy\nrules:\n- level: None\n', expect: [['unsupported-api-version', 'audit.k8s.io/v1alpha1', 'removed in Kubernetes 1.24']] },
  { name: 'v1beta1 on 1.23 is deprecated', minor: 23, yaml: 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: None\n', expect: [['deprecated-api-version', 'audit.k8s.io/v1beta1', 'deprecated since Kubernetes 1.21']] },
  { name: 'v1beta1 on 1.20 loads silently', minor: 20, yaml: 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: None\n', expect: [] },
  { name: 'apiVersion: v1 lacks the group', yaml: 'apiVersion: v1\nkind: Policy\nrules:\n- level: None\n', expect: [['unsupported-api-version', 'v1', 'The group is missing']] },
  { name: 'apiVersion audit.k8s.io/v2', minor: 22, yaml: 'apiVersion: audit.k8s.io/v2\nkind: Policy\nrules:\n- level: None\n', expect: [['unsupported-api-version', 'audit.k8s.io/v2', 'It reads audit.k8s.io/v1, audit.k8s.io/v1beta1']] },
  // Levels and stages (ValidatePolicy, checked while building the model).
  { name: 'a rule without level', yaml: `${H}rules:\n- verbs: [get]\n`, expect: [['invalid-level', 'verbs', 'rules[0].level: Required value']] },
  { name: 'level: with no value', yaml: `${H}rules:\n- level:\n`, expect: [['invalid-level', '- level:', 'Required value']] },
  { name: 'an empty rule', yaml: `${H}rules:\n- {}\n`, expect: [['invalid-level', '{}', 'Required value']] },
  { name: 'a misspelt level', yaml: `${H}rules:\n- level: Metdata\n`, expect: [['invalid-level', 'Metdata', 'Unsupported value: "Metdata": supported values: "None", "Metadata", "Request", "RequestResponse"']] },
  { name: 'a lowercase level', yaml: `${H}rules:\n- level: metadata\n`, expect: [['invalid-level', 'metadata', 'case-sensitive: did you mean "Metadata"']] },
  { name: 'an invalid policy-level stage', yaml: `${H}omitStages: [RequestRecieved]\nrules:\n- level: None\n`, expect: [['invalid-stage', 'RequestRecieved', 'omitStages[0]: Invalid value: "RequestRecieved": allowed stages are RequestReceived,ResponseStarted,ResponseComplete,Panic']] },
  { name: 'an invalid rule-level stage', yaml: `${H}rules:\n- level: None\n  omitStages: [Panic, responsecomplete]\n`, expect: [['invalid-stage', 'responsecomplete', 'rules[0].omitStages[1]']] },
  // Shapes from the corpus.
  { name: 'four-space indented document (openshift)', yaml: '    apiVersion: audit.k8s.io/v1\n    kind: Policy\n    rules:\n    - level: None\n      verbs: [get]\n', expect: [] },
  { name: '- {} resources entry (eks marshalled)', yaml: `${H}rules:\n- level: None\n  resources:\n  - {}\n  - group: apps\n`, expect: [] },
  { name: 'resources: with a trailing space (gce heredoc)', yaml: `${H}rules:\n- level: None\n  resources: \n  - group: ""\n`, expect: [] },
  { name: 'flow style rules', yaml: `${H}rules: [{level: Metadata, resources: [{group: "", resources: [pods]}]}]\n`, expect: [] },
  { name: 'a byte-order mark', yaml: `\uFEFF${H}rules:\n- level: None\n`, expect: [] },
];

function check(c: LoadCase): void {
  const version = c.minor === undefined ? LATEST_KUBERNETES_VERSION : { major: 1 as const, minor: c.minor };
  const { findings } = loadPolicy(c.yaml, version);
  const actual = findings.map((f) => [f.code, c.yaml.slice(f.span.start, f.span.end)]).sort();
  const expected = c.expect.map(([code, text]) => [code, text]).sort();
  assert.deepEqual(actual, expected, `${c.name}: ${JSON.stringify(findings.map((f) => f.message))}`);
  for (const [code, text, words] of c.expect) {
    if (!words) continue;
    const f = findings.find((x) => x.code === code && c.yaml.slice(x.span.start, x.span.end) === text);
    assert.ok(f && said(f).includes(words), `${c.name}: "${f && said(f)}" should contain "${words}"`);
  }
}

for (const c of CASES) test(c.name, () => check(c));

test('editor tags: unknown fields are unnecessary (faded), old apiVersions deprecated', () => {
  const tags = (yaml: string, minor: number) => loadPolicy(yaml, { major: 1, minor }).findings.map((f) => [f.code, f.tags ?? []]);
  assert.deepEqual(tags(`${H}rules:\n- level: None\n  verb: [get]\n`, 36), [['unknown-field', ['unnecessary']]]);
  assert.deepEqual(tags('apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: None\n', 22), [['deprecated-api-version', ['deprecated']]]);
});
