// Policy tests in VS Code's Testing API: every `*.test.yaml`/`*.test.yml` holding a PolicyTest
// (found in the workspace as `kube-audit-policy test DIR` finds them, plus any open test file) is
// an item with one child per case, placed on the case's lines, so the Test Explorer and the gutter
// list and run them. The server reads and runs the cases (against the policy as typed); a failure
// carries expected vs actual as a diff and the explain trace. Saving a test file or the policy it
// tests runs its cases again.
import { CancellationTokenSource, Location, MarkdownString, TestMessage, TestRunProfileKind, TestRunRequest, tests, Uri, workspace, type CancellationToken, type Disposable, type TestController, type TestItem, type TestRun, type TextDocument } from 'vscode';
import { State } from 'vscode-languageclient';
import { DocumentKindRequest, PolicyTestFileRequest, RunPolicyTestsRequest, type PolicyTestCaseResult, type PolicyTestFileInfo } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { toVsRange } from '../toVsRange.ts';
import { uriName } from '../uriName.ts';
import { caseId, caseIndex, outputLines } from './testItems.ts';

/** Where test files are found: as `kube-audit-policy test DIR` finds them. */
export const TEST_FILE_GLOB = '**/*.test.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
/** Typing pauses this long before an open test file's cases are listed again. */
const RELIST_DELAY_MS = 300;

export class PolicyTestController implements Disposable {
  private readonly controller: TestController;
  private readonly disposables: Disposable[] = [];
  /** The policy each test file tests (URI strings), to run them again when it is saved. */
  private readonly policyOf = new Map<string, string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly ctx: ClientContext) {
    this.controller = tests.createTestController('kubeAuditPolicy.policyTests', 'Audit policy tests');
    this.controller.resolveHandler = async (item) => {
      if (item?.uri) await this.list(item.uri);
      else await this.discover();
    };
    this.controller.refreshHandler = () => this.discover();
    this.controller.createRunProfile('Run', TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    const watcher = workspace.createFileSystemWatcher(TEST_FILE_GLOB);
    this.disposables.push(
      this.controller,
      watcher,
      watcher.onDidCreate((uri) => void this.list(uri)),
      watcher.onDidChange((uri) => void this.list(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      workspace.onDidOpenTextDocument((doc) => void this.listIfTest(doc)),
      workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.controller.items.get(e.document.uri.toString())) this.relistSoon(e.document.uri);
      }),
      workspace.onDidSaveTextDocument((doc) => void this.runAfterSave(doc)),
      // The server (re)started: list again, it answers now.
      ctx.client.onDidChangeState((e) => {
        if (e.newState === State.Running) void this.discover();
      }),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }

  private protocolUri(uri: Uri): string {
    return this.ctx.client.code2ProtocolConverter.asUri(uri);
  }

  /** Every test file of the workspace, and the open ones. */
  async discover(): Promise<void> {
    if (!this.ctx.client.isRunning()) return;
    const found = await workspace.findFiles(TEST_FILE_GLOB, EXCLUDE_GLOB);
    const seen = new Set(found.map((u) => u.toString()));
    for (const doc of workspace.textDocuments) if (doc.languageId === 'yaml' && !seen.has(doc.uri.toString())) await this.listIfTest(doc);
    await Promise.all(found.map((uri) => this.list(uri)));
  }

  private async listIfTest(doc: TextDocument): Promise<void> {
    if (doc.languageId !== 'yaml' || doc.uri.scheme !== 'file' || !this.ctx.client.isRunning()) return;
    const kind = await this.ctx.client.sendRequest(DocumentKindRequest, { textDocument: { uri: this.protocolUri(doc.uri) } }).catch(() => 'other');
    if (kind === 'policyTest') await this.list(doc.uri);
  }

  private relistSoon(uri: Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.list(uri);
      }, RELIST_DELAY_MS),
    );
  }

  private remove(uri: Uri): void {
    this.controller.items.delete(uri.toString());
    this.policyOf.delete(uri.toString());
  }

  /** Lists the cases of one test file (the server reads it: open as typed, else from disk). */
  async list(uri: Uri): Promise<TestItem | undefined> {
    let info: PolicyTestFileInfo;
    try {
      info = await this.ctx.client.sendRequest(PolicyTestFileRequest, { uri: this.protocolUri(uri) });
    } catch (e) {
      this.ctx.output.warn(`Listing the policy tests of ${uri.fsPath} failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    if (!info.isPolicyTest) {
      this.remove(uri);
      return undefined;
    }
    const id = uri.toString();
    const file = this.controller.items.get(id) ?? this.controller.createTestItem(id, uriName(uri), uri);
    file.canResolveChildren = false;
    const policy = info.policyUri === null ? undefined : this.ctx.client.protocol2CodeConverter.asUri(info.policyUri);
    const folder = workspace.asRelativePath(uri, false).replace(/\/?[^/]*$/, '');
    file.description = `${folder === '' ? '' : `${folder} · `}${policy ? `tests ${uriName(policy)}` : 'names no policy'}`;
    if (policy) this.policyOf.set(id, policy.toString());
    file.error = info.problems.length === 0 ? undefined : new MarkdownString(info.problems.map((p) => `- line ${p.range.start.line + 1}: ${p.message}`).join('\n'));
    file.children.replace(
      info.cases.map((c) => {
        const item = file.children.get(caseId(id, c.index)) ?? this.controller.createTestItem(caseId(id, c.index), c.name, uri);
        item.label = c.name;
        item.range = toVsRange(c.range);
        return item;
      }),
    );
    this.controller.items.add(file);
    return file;
  }

  /** Runs `items` as if chosen in the Test Explorer (code lens "Run", saving). */
  async runItems(items: readonly TestItem[]): Promise<void> {
    const source = new CancellationTokenSource();
    try {
      await this.run(new TestRunRequest(items), source.token);
    } finally {
      source.dispose();
    }
  }

  /** The item of case `index` of a test file, listing the file first when needed. */
  async caseItem(uri: Uri, index: number): Promise<TestItem | undefined> {
    const file = this.controller.items.get(uri.toString()) ?? (await this.list(uri));
    return file?.children.get(caseId(uri.toString(), index));
  }

  private async runAfterSave(doc: TextDocument): Promise<void> {
    if (doc.languageId !== 'yaml') return;
    const key = doc.uri.toString();
    const files = [...this.policyOf].filter(([test, policy]) => test === key || policy === key).map(([test]) => test);
    // A test file saved for the first time is listed first.
    if (files.length === 0 && (await this.list(doc.uri)) !== undefined) files.push(key);
    const items = files.map((id) => this.controller.items.get(id)).filter((i): i is TestItem => i !== undefined);
    if (items.length > 0) await this.runItems(items);
  }

  private async run(request: TestRunRequest, token: CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    try {
      const byFile = new Map<string, { file: TestItem; cases: TestItem[] }>();
      const excluded = new Set((request.exclude ?? []).map((i) => i.id));
      const add = (file: TestItem, cases: readonly TestItem[]): void => {
        const entry = byFile.get(file.id) ?? { file, cases: [] };
        for (const c of cases) if (!excluded.has(c.id) && !entry.cases.includes(c)) entry.cases.push(c);
        byFile.set(file.id, entry);
      };
      const all = (file: TestItem): TestItem[] => [...file.children].map(([, c]) => c);
      const roots = request.include ?? [...this.controller.items].map(([, i]) => i);
      for (const item of roots) {
        if (excluded.has(item.id)) continue;
        if (item.parent) add(item.parent, [item]);
        else add(item, all(item));
      }
      for (const { file, cases } of byFile.values()) {
        if (token.isCancellationRequested) break;
        for (const c of cases) run.enqueued(c);
        await this.runFile(run, file, cases);
      }
    } finally {
      run.end();
    }
  }

  private async runFile(run: TestRun, file: TestItem, cases: readonly TestItem[]): Promise<void> {
    const uri = file.uri as Uri;
    for (const c of cases) run.started(c);
    const started = Date.now();
    let result;
    try {
      result = await this.ctx.client.sendRequest(RunPolicyTestsRequest, { uri: this.protocolUri(uri), cases: cases.map((c) => caseIndex(c.id)) });
    } catch (e) {
      result = { ok: false as const, message: `The language server did not answer: ${e instanceof Error ? e.message : String(e)}`, range: null };
    }
    if (!result.ok) {
      const message = new TestMessage(result.message);
      message.location = new Location(uri, result.range ? toVsRange(result.range) : (cases[0]?.range ?? toVsRange({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })));
      for (const c of cases) run.errored(c, message);
      run.appendOutput(`ERROR ${workspace.asRelativePath(uri, false)}: ${result.message}\r\n`);
      return;
    }
    const each = (Date.now() - started) / Math.max(1, result.results.length);
    for (const r of result.results) {
      const item = file.children.get(caseId(uri.toString(), r.index));
      if (!item) continue;
      const location = (range: PolicyTestCaseResult['range']) => new Location(uri, toVsRange(range));
      run.appendOutput(outputLines(workspace.asRelativePath(uri, false), r), undefined, item);
      if (r.status === 'passed') run.passed(item, each);
      else if (r.status === 'error') run.errored(item, Object.assign(new TestMessage(r.message), { location: location(r.messageRange) }), each);
      else run.failed(item, failureMessages(r, location), each);
    }
  }
}

/** The failure: expected vs actual as a diff at the field that differs, why it can never hold, and the trace. */
function failureMessages(r: PolicyTestCaseResult, location: (range: PolicyTestCaseResult['range']) => Location): TestMessage[] {
  const diff = TestMessage.diff(r.message, r.expected ?? '', r.actual ?? '');
  diff.location = location(r.messageRange);
  const messages = [diff];
  if (r.impossible) messages.push(Object.assign(new TestMessage(r.impossible), { location: location(r.messageRange) }));
  // The trace has no location: inline in the editor it would only repeat the request.
  if (r.trace) messages.push(new TestMessage(new MarkdownString(r.trace)));
  return messages;
}
