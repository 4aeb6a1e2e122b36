// Type and shape checks with ajv against schemas/audit-policy.schema.json, worded as kube-apiserver
// would fail: a wrong type stops decoding (encoding/json's "cannot unmarshal X into Go struct field
// S.path of type T", wrapped in "failed decoding"), an unknown field is dropped (unknownFieldMessage).
// JSON null is accepted everywhere, as encoding/json leaves the Go value unset for null.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { finding, type Finding } from '../findings.ts';
import { pointerSegments } from './pointer.ts';
import { knownFields, POLICY_SCHEMA, schemaAt } from './policySchema.ts';
import { unknownFieldMessage } from './unknownFieldMessage.ts';
import { entryOf, goJsonKind, toJson, valueAt, type YValue } from './yamlValue.ts';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
    compiled = ajv.compile(POLICY_SCHEMA);
  }
  return compiled;
}

export function checkShape(root: YValue): Finding[] {
  const validate = validator();
  if (validate(toJson(root))) return [];
  const findings: Finding[] = [];
  for (const error of validate.errors ?? []) {
    const f = toFinding(error, root);
    if (f) findings.push(f);
  }
  return findings;
}

function toFinding(error: ErrorObject, root: YValue): Finding | undefined {
  const path = pointerSegments(error.instancePath);
  const value = valueAt(root, path);
  if (!value) return undefined;
  if (error.keyword === 'type') return typeFinding(path, value);
  if (error.keyword === 'additionalProperties' && value.kind === 'object') {
    const name = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const loc = schemaAt(path);
    const last = entryOf(value, name);
    if (!last || !loc) return undefined;
    const { message, detail } = unknownFieldMessage(name, { struct: loc.node['x-go-struct'] ?? loc.struct, known: knownFields(loc.node), container: value });
    // Faded in editors: kube-apiserver ignores the field and its value.
    return finding('unknown-field', message, last.keySpan, null, { detail, tags: ['unnecessary'] });
  }
  return undefined;
}

function typeFinding(path: readonly string[], value: YValue): Finding {
  if (path.length === 0) {
    return finding('invalid-type', `The document is ${yamlKind(value)}, not a mapping with apiVersion, kind and rules: kube-apiserver refuses it.`, value.span, null);
  }
  const loc = schemaAt(path);
  const goType = loc?.node['x-go-type'] ?? 'string';
  const field = loc ? `Go struct field ${loc.struct}.${loc.fields.join('.')}` : 'Go value';
  const expected = describeGoType(goType);
  const goError = `kube-apiserver refuses the file: "json: cannot unmarshal ${goJsonKind(value)} into ${field} of type ${goType}".`;
  // The usual mistake: resources: [pods] instead of a group entry.
  const hint = goType === 'v1.GroupResources' && value.kind === 'string' ? ` Each resources entry names a group: write {group: "", resources: [${value.value}]} (or the resource's group).` : '';
  const quoting =
    expected !== 'a string' ? '' : value.kind === 'bool' ? ' Unquoted yes, no, on, off, true and false are booleans in the YAML kube-apiserver reads: quote them to get a string.' : value.kind === 'number' ? ' Quote it to get a string.' : '';
  return finding('invalid-type', `Expected ${expected}, found ${yamlKind(value)}: kube-apiserver refuses the file.`, value.span, null, { detail: `${goError}${hint}${quoting}` });
}

function describeGoType(goType: string): string {
  if (goType.startsWith('[]')) return 'a list';
  if (goType === 'bool') return 'true or false';
  if (goType.startsWith('map[')) return 'a mapping';
  if (/^v1\.(Policy|PolicyRule|GroupResources|ObjectMeta)$/.test(goType)) return 'a mapping';
  if (goType === 'int64') return 'a number';
  return 'a string';
}

function yamlKind(v: YValue): string {
  switch (v.kind) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'bool':
      return 'a boolean';
    default:
      return `a ${v.kind}`;
  }
}
