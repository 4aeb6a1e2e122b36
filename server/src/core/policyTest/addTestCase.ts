// "Add as test case": a case that pins what the policy does today with one request (a request line
// when one reads back to it, else its audit Event, as `test --init` writes them), and the edit that
// appends it to a test file in that file's own style: the column of its list items, block or flow
// `expect`/`groups`/`omitStages`, padding inside flow brackets, the quotes of the names, the
// indentation step. A missing test file is created with a header that says what it is.
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { RequestAttributes } from '../attributes.ts';
import { describeRequest } from '../analysis/describeRequest.ts';
import { witnessEvent } from '../analysis/witnessEvent.ts';
import { evaluate } from '../evaluate/evaluate.ts';
import { edit, type TextEdit } from '../fixes/fix.ts';
import { column, contentEnd, lineBreak, nextLineStart } from '../fixes/textLines.ts';
import { dashOffset } from '../fixes/yamlSource.ts';
import { formatKubernetesVersion, type KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy } from '../model.ts';
import { isPolicyTestText } from './isPolicyTestText.ts';
import { POLICY_TEST_API_VERSION, POLICY_TEST_KIND, type Expectation } from './policyTestFile.ts';
import { caseInput } from './scaffoldPolicyTest.ts';

/** A case as it is written to the file: name, one input, expect. */
export interface NewTestCase {
  readonly name: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly expect: Expectation;
}

/** The case for a request with the outcome `policy` gives it under release `v`. */
export function testCaseFor(policy: Policy, v: KubernetesVersion, attributes: RequestAttributes): NewTestCase {
  const e = evaluate(policy, attributes, v);
  const description = describeRequest(attributes);
  const expect: Expectation = { level: e.level, rule: e.rule, ...(e.omitStages.length > 0 ? { omitStages: [...e.omitStages] } : {}), ...(e.omitManagedFields ? { omitManagedFields: true } : {}) };
  const witness = { attributes, description, event: witnessEvent(attributes, e.level === 'None' ? 'Metadata' : e.level, 1, e.omitStages) };
  return { name: `${description} is ${e.level === 'None' ? 'not logged' : `logged at ${e.level}`}`, input: caseInput(witness, e.rule, policy, v), expect };
}

const HEADER = (policyRef: string): string =>
  ` Policy tests for ${policyRef}: each case pins what the policy does with one request.
 Run them with \`kube-audit-policy test\` or from the editor's Test Explorer. Cases added with
 "Add as test case" expect the outcome the policy gave when they were added: check that it is
 the one you mean.`;

/** A new test file beside the policy (`policyRef`: its path relative to the test file) holding one case. */
export function newTestFileText(policyRef: string, v: KubernetesVersion, c: NewTestCase): string {
  const doc = new Document({ apiVersion: POLICY_TEST_API_VERSION, kind: POLICY_TEST_KIND, policy: policyRef, kubernetesVersion: formatKubernetesVersion(v), cases: [caseObject(c)] });
  doc.commentBefore = HEADER(policyRef);
  const item = (doc.getIn(['cases', 0], true) as YAMLMap).items;
  for (const pair of item) if (isSeq(pair.value)) pair.value.flow = true;
  const expect = doc.getIn(['cases', 0, 'expect', 'omitStages'], true);
  if (isSeq(expect)) expect.flow = true;
  return doc.toString({ lineWidth: 0 });
}

export type AddCaseResult = { readonly ok: true; readonly edit: TextEdit; readonly name: string } | { readonly ok: false; readonly error: string };

/** The edit appending `c` to the test file `text` (a unique name: " (2)" and so on when taken). */
export function appendTestCase(text: string, c: NewTestCase): AddCaseResult {
  const doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: false });
  if (doc.errors.length > 0) return { ok: false, error: 'the test file has YAML syntax errors; fix them first' };
  const root = doc.contents;
  if (!isMap(root) || !isPolicyTestText(text)) return { ok: false, error: 'the file is not a policy test (kind: PolicyTest)' };
  const cases = root.get('cases', true);
  const taken = new Set(isSeq(cases) ? cases.items.map((i) => (isMap(i) ? String(i.get('name') ?? '') : '')) : []);
  let name = c.name;
  for (let n = 2; taken.has(name); n++) name = `${c.name} (${n})`;
  const named: NewTestCase = { ...c, name };
  const style = styleOf(text, isSeq(cases) ? cases : undefined);
  const nl = lineBreak(text);
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'cases');
  const keyStart = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  if (isSeq(cases) && cases.range && cases.items.length > 0) {
    if (cases.flow) {
      const last = cases.items[cases.items.length - 1] as Node;
      return last.range ? { ok: true, name, edit: edit(last.range[1], last.range[1], `, ${render(named, style, 0, true)}`) } : { ok: false, error: 'the cases list could not be read' };
    }
    const i = cases.items.length - 1;
    const dash = dashOffset(cases, i);
    const last = cases.items[i] as Node | undefined;
    if (dash === undefined || !last?.range) return { ok: false, error: 'the cases list could not be read' };
    const at = nextLineStart(text, contentEnd(text, last.range[2]));
    const lead = text.slice(0, at).endsWith('\n') ? '' : nl;
    return { ok: true, name, edit: edit(at, at, `${lead}${render(named, style, column(text, dash), false, nl)}`) };
  }
  // No list yet (`cases:` with nothing or `[]`, or no `cases` at all): a block list under the key.
  const empty = pair?.value === null || (isScalar(pair?.value) && pair.value.value === null) || (isSeq(pair?.value) && pair.value.items.length === 0);
  if (pair && keyStart !== undefined && empty) {
    const value = pair.value as Node | null;
    // After the colon: an empty value, or `[]` replaced.
    const start = value?.range && isSeq(value) ? value.range[0] : text.indexOf(':', keyStart) + 1;
    const end = value?.range && isSeq(value) ? value.range[1] : start;
    const items = render(named, style, column(text, keyStart) + (style.indentSeq ? style.indent : 0), false, nl).replace(/\r?\n$/, '');
    return { ok: true, name, edit: edit(start === end ? start : start - (text[start - 1] === ' ' ? 1 : 0), end, `${nl}${items}`) };
  }
  if (pair) return { ok: false, error: '`cases` is not a list' };
  const end = contentEnd(text, text.length);
  return { ok: true, name, edit: edit(end, text.length, `${nl}cases:${nl}${render(named, style, style.indentSeq ? style.indent : 0, false, nl)}`) };
}

interface Style {
  readonly indent: number;
  /** Block lists under a key are indented below it (`groups:\n  - a`), or at its column. */
  readonly indentSeq: boolean;
  readonly flowPadding: boolean;
  /** Per field of a case (groups, expect, expect.omitStages): flow (true) or block. */
  readonly flow: Readonly<Record<'groups' | 'expect' | 'omitStages', boolean>>;
  readonly nameQuote: Scalar['type'];
}

/** What the existing cases look like; the defaults are `test --init`'s. */
function styleOf(text: string, cases: YAMLSeq | undefined): Style {
  const items = (cases?.items ?? []).filter((i): i is YAMLMap => isMap(i));
  const flow = { groups: true, expect: false, omitStages: true };
  let indent = 2;
  let indentSeq = true;
  let flowPadding = true;
  let nameQuote: Scalar['type'] = Scalar.PLAIN;
  const seen = new Set<string>();
  // The latest case that has a field decides its style.
  for (const item of [...items].reverse()) {
    const expect: unknown = item.get('expect', true);
    const fields: [keyof typeof flow, unknown][] = [
      ['groups', item.get('groups', true)],
      ['expect', expect],
      ['omitStages', isMap(expect) ? expect.get('omitStages', true) : undefined],
    ];
    for (const [field, node] of fields) {
      if ((!isSeq(node) && !isMap(node)) || seen.has(field)) continue;
      seen.add(field);
      flow[field] = node.flow === true;
      if (node.flow && node.range && !seen.has('padding')) {
        seen.add('padding');
        flowPadding = text[node.range[0] + 1] === ' ';
      }
    }
    if (!seen.has('name')) {
      const name = item.get('name', true);
      if (isScalar(name)) {
        seen.add('name');
        nameQuote = name.type === Scalar.QUOTE_DOUBLE || name.type === Scalar.QUOTE_SINGLE ? name.type : Scalar.PLAIN;
      }
    }
  }
  // The indentation step and list style, from the first block mapping or list inside a case.
  for (const item of items) {
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      const value = pair.value as Node | null;
      if (key === undefined || !value?.range || ((!isMap(value) && !isSeq(value)) || value.flow)) continue;
      const first = isMap(value) ? (value.items[0]?.key as Node | undefined)?.range?.[0] : dashOffset(value as YAMLSeq, 0);
      if (first === undefined) continue;
      const step = column(text, first) - column(text, key);
      if (isMap(value) && step > 0) indent = step;
      if (isSeq(value)) indentSeq = step > 0;
    }
  }
  return { indent, indentSeq, flowPadding, flow, nameQuote };
}

function caseObject(c: NewTestCase): Record<string, unknown> {
  return { name: c.name, ...c.input, expect: c.expect };
}

/** The case as list-item lines at column `col` (or a flow mapping), each ending in `nl`. */
function render(c: NewTestCase, style: Style, col: number, flowItem: boolean, nl = '\n'): string {
  const doc = new Document([caseObject(c)]);
  const item = (doc.contents as YAMLSeq).items[0] as YAMLMap;
  item.flow = flowItem;
  const name = item.get('name', true);
  if (isScalar(name) && style.nameQuote !== Scalar.PLAIN) name.type = style.nameQuote;
  const set = (node: unknown, flow: boolean): void => {
    if (isSeq(node) || isMap(node)) node.flow = flow;
  };
  set(item.get('groups', true), style.flow.groups);
  const expect = item.get('expect', true);
  set(expect, style.flow.expect);
  if (isMap(expect)) set(expect.get('omitStages', true), style.flow.omitStages);
  const out = doc.toString({ lineWidth: 0, indent: style.indent, indentSeq: style.indentSeq, flowCollectionPadding: style.flowPadding });
  if (flowItem) return out.replace(/^-\s*/, '').trim();
  return out
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `${' '.repeat(col)}${line}${nl}`)
    .join('');
}
