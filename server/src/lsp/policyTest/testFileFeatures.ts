// Hover, completion and code lenses in policy test files. LSP has one handler per method, so the
// policy features' handlers are wrapped (`orPolicyTest`): a request about an open test file is
// answered here, any other goes on to the policy handler unchanged.
import { MarkupKind, type CancellationToken, type CodeLens, type CompletionItem, type Hover, type ResponseError, type TextDocumentIdentifier, type TextDocumentPositionParams } from 'vscode-languageserver';
import { ruleSummary } from '../../core/describe/ruleSummary.ts';
import { expectedText } from '../../core/policyTest/outcomeWords.ts';
import { testCompletions } from '../../core/policyTest/testCompletions.ts';
import { testKeyDescription, type TestKeyContext } from '../../core/policyTest/testSchemaKeys.ts';
import type { Span } from '../../core/span.ts';
import { EXPLAIN_TEST_CASE_COMMAND, RUN_TEST_CASE_COMMAND, type TestCaseCommandArgs } from '../../protocol.ts';
import { completionItems } from '../completionItems.ts';
import { runSafe } from '../runSafe.ts';
import type { ServerContext } from '../serverContext.ts';
import { tokenAt } from '../tokenAt.ts';
import { policyTestsOf, type TestRun } from './testFiles.ts';
import { actualSentence } from './testResults.ts';

type Handler<P, R> = (params: P, token: CancellationToken) => Promise<R | ResponseError<void>>;

/** `policy`'s handler, except for open policy test files, which `test` answers from their run. */
export function orPolicyTest<P extends { readonly textDocument: TextDocumentIdentifier }, R>(ctx: ServerContext, what: string, fallback: R, test: (run: TestRun, params: P) => R, policy: Handler<P, R>): Handler<P, R> {
  const tests = policyTestsOf(ctx);
  return (params, token) => {
    if (!tests.isTestDocument(params.textDocument.uri)) return policy(params, token);
    return runSafe(ctx.log, what, token, fallback, async () => {
      const run = await tests.run(params.textDocument.uri);
      return 'error' in run ? fallback : test(run, params);
    });
  };
}

const contains = (s: Span | undefined, offset: number): s is Span => s !== undefined && s.start <= offset && offset <= s.end;

export function testHover(run: TestRun, params: TextDocumentPositionParams): Hover | null {
  const offset = run.file.lines.offset(params.position);
  const c = run.test.cases.find((x) => contains(x.span, offset));
  const token = tokenAt(run.file.text, offset);
  const markdown = (value: string, at: Span): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range: run.file.lines.range(at) });
  if (token?.isKey) {
    const context: TestKeyContext = c === undefined ? 'file' : contains(c.expectSpan, offset) ? 'expect' : 'case';
    const text = testKeyDescription(context, token.text);
    if (text !== undefined) return markdown(text, token);
  }
  if (c === undefined) return null;
  const policy = run.policy && 'policy' in run.policy ? run.policy.policy : undefined;
  const rule = typeof c.expect.rule === 'number' ? policy?.rules[c.expect.rule] : undefined;
  const lines: string[] = [];
  if (policy && rule && contains(c.expectFieldSpans.rule, offset)) lines.push(`**Rule ${rule.index}**: ${ruleSummary(rule, policy)}`, '', '---', '');
  const result = run.results.find((r) => r.case.index === c.index);
  if (result === undefined) lines.push('This case is not run: the policy under test cannot be read.');
  else if (result.kind === 'error') lines.push(`**Cannot run**: ${result.message}.`);
  else if (result.passed) lines.push(`**Passes**: ${actualSentence(result)}.`);
  else {
    lines.push(`**Fails**: it expects ${expectedText(c.expect)}, but ${actualSentence(result)}.`, '', `Differs: ${result.mismatches.join(', ')}.`);
    const impossible = run.impossible.get(c.index);
    if (impossible) lines.push('', impossible.message);
  }
  if (result?.kind === 'ran') lines.push('', `Request: \`${result.shown.replace(/`/g, "'")}\` · Kubernetes ${run.kubernetesVersion.major}.${run.kubernetesVersion.minor}. **Debug: explain** above the case shows every rule tried.`);
  return markdown(lines.join('\n'), c.span);
}

export function testCompletion(run: TestRun, params: TextDocumentPositionParams): CompletionItem[] {
  const policy = run.policy && 'policy' in run.policy ? run.policy.policy : undefined;
  const found = testCompletions(run.file.text, run.file.lines.offset(params.position), policy);
  if (!found) return [];
  return completionItems(found.items, run.file.lines.range(found.word));
}

/** "Run" and "Debug: explain" above each case that can be read. */
export function testCodeLenses(run: TestRun): CodeLens[] {
  return run.test.cases.flatMap((c) => {
    const start = run.file.lines.range(c.span).start;
    const range = { start, end: start };
    const args: TestCaseCommandArgs = { uri: run.file.uri, index: c.index };
    return [
      { range, command: { title: 'Run', command: RUN_TEST_CASE_COMMAND, arguments: [args] } },
      { range, command: { title: 'Debug: explain', command: EXPLAIN_TEST_CASE_COMMAND, arguments: [args] } },
    ];
  });
}
