// Reads a policy test file: YAML (1.2, as most tools write it; only the first document), checked
// against schemas/policy-test.schema.json with messages that name the field, every problem with
// its span. Never throws; a case with a problem is left out and the problem reported.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, parseDocument, type Document, type Node } from 'yaml';
import schemaJson from '../../../../schemas/policy-test.schema.json';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION, OLDEST_KUBERNETES_VERSION, parseKubernetesVersion } from '../kubernetesVersion.ts';
import type { Level, Stage } from '../model.ts';
import { pointerSegments } from '../load/pointer.ts';
import type { Span } from '../span.ts';
import { POLICY_TEST_KIND, type CaseInput, type ExpectField, type Expectation, type PolicyTestFile, type TestCase, type TestProblem } from './policyTestFile.ts';

let compiled: ValidateFunction | undefined;
// The schema is ours and checked against its meta-schema by a test: compiling that here cost a start-up ~20 ms.
const validator = (): ValidateFunction => (compiled ??= new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false }).compile(schemaJson));

/** Anchors and aliases are expanded; more than this many alias uses is an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

type Path = readonly (string | number)[];

export function loadPolicyTest(text: string): PolicyTestFile {
  const empty = { isPolicyTest: false, policy: undefined, kubernetesVersion: undefined, cases: [], caseCount: 0 };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors.map((e) => ({ message: `YAML syntax error: ${e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`, span: { start: Math.min(e.pos[0], text.length), end: Math.min(e.pos[1], text.length) } }));
  if (syntax.length > 0) return { ...empty, problems: syntax };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return { ...empty, problems: [{ message: `the YAML cannot be read: ${e instanceof Error ? e.message : String(e)}`, span: { start: 0, end: 0 } }] };
  }
  const at = (path: Path): Span => spanAt(doc, path);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ...empty, problems: [{ message: 'a PolicyTest is a mapping with apiVersion, kind, policy and cases', span: at([]) }] };
  }
  const root = value as Record<string, unknown>;
  const problems: TestProblem[] = [];
  const badCases = new Set<number>();
  const validate = validator();
  if (!validate(root)) {
    for (const error of relevant(validate.errors ?? [])) {
      const path = pointerSegments(error.instancePath).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      if (path[0] === 'cases' && typeof path[1] === 'number') badCases.add(path[1]);
      problems.push(problemOf(error, path, doc));
    }
  }
  const policy = typeof root.policy === 'string' && root.policy !== '' ? { value: root.policy, span: at(['policy']) } : undefined;
  let kubernetesVersion: PolicyTestFile['kubernetesVersion'];
  if (typeof root.kubernetesVersion === 'string') {
    const v = parseKubernetesVersion(root.kubernetesVersion);
    if (v && v.minor >= OLDEST_KUBERNETES_VERSION.minor && v.minor <= LATEST_KUBERNETES_VERSION.minor) kubernetesVersion = { value: v, span: at(['kubernetesVersion']) };
    else if (v) problems.push({ message: `kubernetesVersion ${formatKubernetesVersion(v)} is not supported (supported: ${formatKubernetesVersion(OLDEST_KUBERNETES_VERSION)} to ${formatKubernetesVersion(LATEST_KUBERNETES_VERSION)})`, span: at(['kubernetesVersion']) });
  }
  const rawCases = Array.isArray(root.cases) ? (root.cases as unknown[]) : [];
  const cases: TestCase[] = [];
  rawCases.forEach((c, index) => {
    if (!badCases.has(index)) cases.push(testCase(c as RawCase, index, doc));
  });
  return { isPolicyTest: root.kind === POLICY_TEST_KIND, policy, kubernetesVersion, cases, caseCount: rawCases.length, problems };
}

interface RawCase {
  readonly name: string;
  readonly request?: string;
  readonly user?: string;
  readonly groups?: readonly string[];
  readonly event?: unknown;
  readonly eventFile?: string;
  readonly expect: { readonly level: Level; readonly rule?: number | null; readonly omitStages?: readonly Stage[]; readonly omitManagedFields?: boolean };
}

const EXPECT_FIELDS: readonly ExpectField[] = ['level', 'rule', 'omitStages', 'omitManagedFields'];

function testCase(c: RawCase, index: number, doc: Document): TestCase {
  const path = ['cases', index];
  const input: CaseInput =
    c.request !== undefined
      ? { kind: 'request', line: c.request, user: c.user, groups: c.groups ?? [] }
      : c.event !== undefined
        ? { kind: 'event', event: c.event }
        : { kind: 'eventFile', path: c.eventFile as string };
  const inputKey = input.kind === 'request' ? 'request' : input.kind;
  const expect: Expectation = { ...c.expect };
  const expectFieldSpans: Partial<Record<ExpectField, Span>> = {};
  for (const f of EXPECT_FIELDS) if (f in c.expect) expectFieldSpans[f] = spanAt(doc, [...path, 'expect', f]);
  return {
    index,
    name: c.name,
    input,
    expect,
    span: spanAt(doc, path),
    nameSpan: spanAt(doc, [...path, 'name']),
    inputSpan: spanAt(doc, [...path, inputKey]),
    expectSpan: spanAt(doc, [...path, 'expect']),
    expectFieldSpans,
  };
}

/** The value's span; for a missing value, the nearest enclosing one. */
function spanAt(doc: Document, path: Path): Span {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | null | undefined;
    if (node?.range) return { start: node.range[0], end: node.range[1] };
  }
  return { start: 0, end: 0 };
}

/** The span of the key `key` in the mapping at `path`. */
function keySpan(doc: Document, path: Path, key: string): Span {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isMap(map)) {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) return { start: pair.key.range[0], end: pair.key.range[1] };
  }
  return spanAt(doc, path);
}

/** oneOf reports each branch's missing field too; the oneOf message says it better. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOf = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  return errors.filter((e) => !(oneOf.has(e.instancePath) && e.keyword === 'required' && e.schemaPath.includes('/oneOf/')));
}

const INPUTS = 'request (a request line), event (an audit Event) or eventFile (a file holding one)';

function problemOf(error: ErrorObject, path: Path, doc: Document): TestProblem {
  const where = path.length === 0 ? 'the file' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { message: `${where} is missing ${JSON.stringify(params.missingProperty)}`, span: spanAt(doc, path) };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return { message: `unknown field ${JSON.stringify(name)} in ${where} (expected ${allowed.join(', ')})`, span: keySpan(doc, path, name) };
    }
    case 'oneOf':
      return { message: `${where} needs exactly one of ${INPUTS}`, span: spanAt(doc, path) };
    case 'dependencies':
      return { message: `${where} has ${String(params.property)} without request: user and groups belong to a request line (an event carries its own user)`, span: keySpan(doc, path, String(params.property)) };
    case 'enum':
      return { message: `${where} must be one of ${((params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}`, span: spanAt(doc, path) };
    case 'pattern':
      return { message: `${where} must be a Kubernetes release such as "1.36"`, span: spanAt(doc, path) };
    case 'type':
      return { message: `${where} must be ${String(params.type).replace(',', ' or ')}`, span: spanAt(doc, path) };
    default:
      return { message: `${where} ${error.message ?? 'is not valid'}`, span: spanAt(doc, path) };
  }
}
