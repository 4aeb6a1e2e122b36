// The policy-test requests of the client: what kind a document is, a test file's cases (for the
// Test Explorer), running them, one case explained as Explain Request does it, and "Add as test
// case" (the edit that appends a case with the policy's current outcome to `<policy>.test.yaml`).
import { lint } from '../../core/lint.ts';
import { loadPolicy } from '../../core/load/loadPolicy.ts';
import { appendTestCase, newTestFileText, testCaseFor } from '../../core/policyTest/addTestCase.ts';
import { loadPolicyTest } from '../../core/policyTest/loadPolicyTest.ts';
import { LineIndex } from '../../core/span.ts';
import {
  AddTestCaseRequest,
  DocumentKindRequest,
  ExplainTestCaseRequest,
  PolicyTestFileRequest,
  RunPolicyTestsRequest,
  type AddTestCaseParams,
  type AddTestCaseResult,
  type DocumentKind,
  type ExplainTestCaseParams,
  type ExplainTestCaseResult,
  type PolicyTestFileInfo,
  type RunPolicyTestsResult,
} from '../../protocol.ts';
import { explainRequest } from '../explainRequest.ts';
import { runSafe } from '../runSafe.ts';
import type { Feature, ServerContext } from '../serverContext.ts';
import { policyTestsOf, type PolicyTests } from './testFiles.ts';
import { caseResult } from './testResults.ts';

const FAILED = 'The language server failed; see its output.';

export const policyTestRequestsFeature: Feature = {
  capabilities: {},
  register(ctx) {
    const tests = policyTestsOf(ctx);
    ctx.connection.onRequest(DocumentKindRequest, ({ textDocument }, token) =>
      runSafe<DocumentKind>(ctx.log, 'Document kind', token, 'other', async () => {
        if (tests.isTestDocument(textDocument.uri)) return 'policyTest';
        return (await ctx.policyDocument(textDocument.uri)) ? 'policy' : 'other';
      }),
    );
    ctx.connection.onRequest(PolicyTestFileRequest, ({ uri }, token) => runSafe<PolicyTestFileInfo>(ctx.log, 'Policy test file', token, { isPolicyTest: false, message: FAILED }, () => testFile(tests, uri)));
    ctx.connection.onRequest(RunPolicyTestsRequest, ({ uri, cases }, token) =>
      runSafe<RunPolicyTestsResult>(ctx.log, 'Running policy tests', token, { ok: false, message: FAILED, range: null }, () => runTests(tests, uri, cases)),
    );
    ctx.connection.onRequest(ExplainTestCaseRequest, (params, token) =>
      runSafe<ExplainTestCaseResult>(ctx.log, 'Explaining a test case', token, { ok: false, message: FAILED }, () => explainTestCase(ctx, tests, params)),
    );
    ctx.connection.onRequest(AddTestCaseRequest, (params, token) => runSafe<AddTestCaseResult>(ctx.log, 'Adding a test case', token, { ok: false, message: FAILED }, () => addTestCase(ctx, tests, params)));
  },
};

async function testFile(tests: PolicyTests, uri: string): Promise<PolicyTestFileInfo> {
  const file = await tests.read(uri);
  if ('error' in file) return { isPolicyTest: false, message: file.error };
  const test = loadPolicyTest(file.text);
  if (!test.isPolicyTest) return { isPolicyTest: false, message: 'is not a policy test file (kind: PolicyTest)' };
  const path = test.policy ? tests.policyPath(file.uri, test.policy.value) : undefined;
  return {
    isPolicyTest: true,
    policyUri: path === undefined ? null : tests.files.uri(path),
    cases: test.cases.map((c) => ({ index: c.index, name: c.name, range: file.lines.range(c.span) })),
    problems: test.problems.map((p) => ({ message: p.message, range: file.lines.range(p.span) })),
  };
}

async function runTests(tests: PolicyTests, uri: string, cases: readonly number[] | undefined): Promise<RunPolicyTestsResult> {
  const run = await tests.run(uri);
  if ('error' in run) return { ok: false, message: `The test file ${run.error}.`, range: null };
  if (run.policy === undefined) return { ok: false, message: 'The test file names no policy (`policy: audit-policy.yaml`, relative to it).', range: null };
  if ('error' in run.policy) return { ok: false, message: `The policy ${run.policy.error}.`, range: run.file.lines.range(run.policy.span) };
  const wanted = cases === undefined ? undefined : new Set(cases);
  return {
    ok: true,
    policyUri: run.policy.uri,
    kubernetesVersion: `${run.kubernetesVersion.major}.${run.kubernetesVersion.minor}`,
    results: run.results.filter((r) => wanted === undefined || wanted.has(r.case.index)).map((r) => caseResult(run, r)),
  };
}

async function explainTestCase(ctx: ServerContext, tests: PolicyTests, params: ExplainTestCaseParams): Promise<ExplainTestCaseResult> {
  const run = await tests.run(params.uri);
  if ('error' in run) return { ok: false, message: `The test file ${run.error}.` };
  const c = run.test.cases.find((x) => x.index === params.index);
  if (!c) return { ok: false, message: `Case ${params.index + 1} of the test file cannot be read; see the problems in the file.` };
  if (!run.policy || 'error' in run.policy) return { ok: false, message: run.policy ? `The policy ${run.policy.error}.` : 'The test file names no policy.' };
  const { uri, text } = run.policy;
  let request: { request: string; user?: string; groups?: readonly string[] };
  if (c.input.kind === 'request') request = { request: c.input.line, ...(c.input.user === undefined ? {} : { user: c.input.user }), groups: c.input.groups };
  else if (c.input.kind === 'event') request = { request: JSON.stringify(c.input.event) };
  else {
    const { files } = tests;
    const path = files.path(params.uri);
    const read = path === undefined ? { error: 'the test file is not saved' } : await tests.read(files.uri(files.resolve(files.dirname(path), c.input.path)));
    if ('error' in read) return { ok: false, message: `eventFile ${JSON.stringify(c.input.path)}: ${read.error}` };
    request = { request: read.text };
  }
  // The policy as the test reads it: under the test's release, whatever the settings say.
  const settings = { ...(await ctx.settings(uri)), kubernetesVersion: run.kubernetesVersion };
  const doc = { uri, version: 0, text, lines: new LineIndex(text), settings, lint: lint(text, { kubernetesVersion: run.kubernetesVersion }) };
  const result = explainRequest(doc, { textDocument: { uri }, ...request });
  return result.ok ? { ...result, policyUri: uri, caseName: c.name } : result;
}

/** `<policy>.test.yaml` beside the policy, or the `.test.yml` one when only that exists. */
async function testFileFor(tests: PolicyTests, policyFile: string): Promise<string> {
  const stem = policyFile.replace(/\.ya?ml$/, '');
  const yml = `${stem}.test.yml`;
  if (policyFile.endsWith('.yml') && !('error' in (await tests.read(tests.files.uri(yml))))) return yml;
  return `${stem}.test.yaml`;
}

async function addTestCase(ctx: ServerContext, tests: PolicyTests, params: AddTestCaseParams): Promise<AddTestCaseResult> {
  const policyUri = params.textDocument.uri;
  const { files } = tests;
  const policyFile = files.path(policyUri);
  if (policyFile === undefined) return { ok: false, message: 'Save the policy first: its test file goes beside it.' };
  const testFile = await testFileFor(tests, policyFile);
  const testUri = files.uri(testFile);
  const policyText = await tests.read(policyUri);
  if ('error' in policyText) return { ok: false, message: `The policy ${policyText.error}.` };
  const existing = await tests.read(testUri);
  const name = files.basename(testFile);
  if ('error' in existing) {
    const v = (await ctx.settings(policyUri)).kubernetesVersion;
    const c = testCaseFor(loadPolicy(policyText.text, v).policy, v, params.attributes);
    const zero = { line: 0, character: 0 };
    return { ok: true, testUri, create: true, text: newTestFileText(files.basename(policyFile), v, c), range: { start: zero, end: zero }, caseName: c.name };
  }
  const test = loadPolicyTest(existing.text);
  const ref = test.policy?.value;
  if (ref !== undefined && tests.policyPath(existing.uri, ref) !== policyFile) {
    return { ok: false, message: `${name} tests ${ref}, not ${files.relative(files.dirname(testFile), policyFile)}: add the case to a test file of this policy by hand.` };
  }
  const v = test.kubernetesVersion?.value ?? (await ctx.settings(existing.uri)).kubernetesVersion;
  const added = appendTestCase(existing.text, testCaseFor(loadPolicy(policyText.text, v).policy, v, params.attributes));
  if (!added.ok) return { ok: false, message: `${name}: ${added.error}.` };
  const range = existing.lines.range(added.edit.span);
  return { ok: true, testUri: existing.uri, create: false, text: added.edit.newText, range, caseName: added.name };
}
