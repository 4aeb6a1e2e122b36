// Policy test files in the language server: a test file's text (the open document as typed, else
// the file as the platform reads it), its policy (likewise: an open policy is tested as typed, unsaved edits
// included), the release (the file's `kubernetesVersion`, else the settings'), and its cases run
// with the core, as `kube-audit-policy test` runs them. One run per test text, policy text and
// release, shared by diagnostics, hovers, code lenses and the Test Explorer.
import { cachedAnalysis } from '../../core/analysis/cachedAnalysis.ts';
import type { PolicyAnalysis } from '../../core/analysis/analyzePolicy.ts';
import type { KubernetesVersion } from '../../core/kubernetesVersion.ts';
import { formatKubernetesVersion } from '../../core/kubernetesVersion.ts';
import { loadPolicy } from '../../core/load/loadPolicy.ts';
import type { Policy } from '../../core/model.ts';
import { impossibleExpectation, type ImpossibleExpectation } from '../../core/policyTest/impossibleExpectation.ts';
import { isPolicyTestFile } from '../../core/policyTest/isPolicyTestText.ts';
import { loadPolicyTest } from '../../core/policyTest/loadPolicyTest.ts';
import type { PolicyTestFile } from '../../core/policyTest/policyTestFile.ts';
import { runCase, type CaseResult, type EventFileRead } from '../../core/policyTest/runPolicyTest.ts';
import { LineIndex, type Span } from '../../core/span.ts';
import { parseEventJson } from '../../io/parseEventJson.ts';
import type { ServerFiles } from '../platform/serverPlatform.ts';
import type { ServerContext } from '../serverContext.ts';

/** A text the server read: an open document's, or a file's on disk. */
export interface SourceText {
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
}

export interface PolicyUnderTest extends SourceText {
  readonly policy: Policy;
  readonly analysis: PolicyAnalysis;
}

export interface TestRun {
  readonly file: SourceText;
  readonly test: PolicyTestFile;
  readonly kubernetesVersion: KubernetesVersion;
  /** The policy, or why it could not be read (at the `policy` field; undefined when the file names none). */
  readonly policy: PolicyUnderTest | { readonly error: string; readonly span: Span } | undefined;
  /** Per readable case, in order (empty without a policy). */
  readonly results: readonly CaseResult[];
  /** Cases whose expectation no request can meet, by case index. */
  readonly impossible: ReadonlyMap<number, ImpossibleExpectation>;
}

export class PolicyTests {
  private readonly runs = new Map<string, { readonly key: string; readonly run: TestRun }>();
  private readonly policies = new Map<string, { readonly key: string; readonly policy: PolicyUnderTest }>();
  private readonly refs = new Map<string, { readonly text: string; readonly ref: string | undefined }>();

  readonly files: ServerFiles;

  constructor(private readonly ctx: ServerContext) {
    this.files = ctx.files;
  }

  /** The open document for this path, whatever spelling of its URI the client used. */
  private openDocument(uri: string): { uri: string; text: string } | undefined {
    const direct = this.ctx.documents.get(uri);
    if (direct) return { uri, text: direct.getText() };
    const path = this.files.path(uri);
    if (path === undefined) return undefined;
    const doc = this.ctx.documents.all().find((d) => this.files.path(d.uri) === path);
    return doc && { uri: doc.uri, text: doc.getText() };
  }

  /** The text of `uri`: the open document, else the file; or why it cannot be read. */
  async read(uri: string): Promise<SourceText | { readonly error: string }> {
    const open = this.openDocument(uri);
    if (open) return { uri: open.uri, text: open.text, lines: new LineIndex(open.text) };
    const path = this.files.path(uri);
    if (path === undefined) return { error: 'is not a saved file' };
    const read = await this.files.read(path);
    return read.ok ? { uri, text: read.text, lines: new LineIndex(read.text) } : { error: read.error };
  }

  /** Whether an open document is a policy test (by its text, or by its name while still empty). */
  isTestDocument(uri: string): boolean {
    const doc = this.ctx.documents.get(uri);
    const path = this.files.path(uri) ?? uri;
    return doc !== undefined && isPolicyTestFile(path, doc.getText());
  }

  /** The open test documents whose policy is at `policyUri`'s path. */
  testsOf(policyUri: string): string[] {
    const path = this.files.path(policyUri);
    if (path === undefined) return [];
    return this.ctx.documents
      .all()
      .filter((d) => this.isTestDocument(d.uri))
      .filter((d) => {
        const ref = this.policyRef(d.uri, d.getText());
        return ref !== undefined && this.policyPath(d.uri, ref) === path;
      })
      .map((d) => d.uri);
  }

  /** A test text's `policy`, read once per text (asked on every keystroke in any policy). */
  private policyRef(uri: string, text: string): string | undefined {
    const known = this.refs.get(uri);
    if (known?.text === text) return known.ref;
    const ref = loadPolicyTest(text).policy?.value;
    this.refs.set(uri, { text, ref });
    return ref;
  }

  /** Loads and runs a test file; undefined when it cannot be read or is no policy test. */
  async run(uri: string): Promise<TestRun | { readonly error: string }> {
    const file = await this.read(uri);
    if ('error' in file) return file;
    const test = loadPolicyTest(file.text);
    if (!test.isPolicyTest && !isPolicyTestFile(this.files.path(uri) ?? uri, file.text)) return { error: 'is not a policy test file (kind: PolicyTest)' };
    const kubernetesVersion = test.kubernetesVersion?.value ?? (await this.ctx.settings(uri)).kubernetesVersion;
    const policy = test.policy ? await this.policyOf(file.uri, test.policy.value, test.policy.span, kubernetesVersion) : undefined;
    const key = [file.text, policy && 'text' in policy ? policy.text : JSON.stringify(policy ?? null), formatKubernetesVersion(kubernetesVersion)].join('\u0000');
    const cached = this.runs.get(file.uri);
    if (cached?.key === key) return cached.run;
    const run = await this.execute(file, test, kubernetesVersion, policy);
    this.runs.set(file.uri, { key, run });
    return run;
  }

  /** The policy's path: `ref` relative to the test file's folder. */
  policyPath(testUri: string, ref: string): string | undefined {
    const path = this.files.path(testUri);
    return path === undefined ? undefined : this.files.resolve(this.files.dirname(path), ref);
  }

  forget(uri: string): void {
    this.runs.delete(uri);
    this.refs.delete(uri);
  }

  private async policyOf(testUri: string, ref: string, span: Span, v: KubernetesVersion): Promise<PolicyUnderTest | { error: string; span: Span }> {
    const path = this.policyPath(testUri, ref);
    if (path === undefined) return { error: `${JSON.stringify(ref)} cannot be found until the test file is saved (the path is relative to it)`, span };
    const read = await this.read(this.files.uri(path));
    if ('error' in read) return { error: `${JSON.stringify(ref)} cannot be read (${path}): ${read.error}`, span };
    const key = `${read.text}\u0000${formatKubernetesVersion(v)}`;
    const cached = this.policies.get(path);
    if (cached?.key === key) return cached.policy;
    const policy = loadPolicy(read.text, v).policy;
    const loaded = { ...read, policy, analysis: cachedAnalysis(policy, v) };
    this.policies.set(path, { key, policy: loaded });
    return loaded;
  }

  private async execute(file: SourceText, test: PolicyTestFile, v: KubernetesVersion, policy: TestRun['policy']): Promise<TestRun> {
    const base = { file, test, kubernetesVersion: v, policy };
    if (policy === undefined || 'error' in policy) return { ...base, results: [], impossible: new Map() };
    const events = new Map<string, EventFileRead>();
    const path = this.files.path(file.uri);
    for (const c of test.cases) {
      if (c.input.kind !== 'eventFile' || events.has(c.input.path)) continue;
      events.set(c.input.path, path === undefined ? { ok: false, error: 'save the test file first (the path is relative to it)' } : await this.readEventFile(this.files.resolve(this.files.dirname(path), c.input.path)));
    }
    const results = test.cases.map((c) => runCase(policy.policy, v, c, (p) => events.get(p) ?? { ok: false, error: 'not read' }));
    const impossible = new Map<number, ImpossibleExpectation>();
    for (const c of test.cases) {
      const found = impossibleExpectation(policy.policy, policy.analysis, c);
      if (found) impossible.set(c.index, found);
    }
    return { ...base, results, impossible };
  }

  private async readEventFile(path: string): Promise<EventFileRead> {
    const read = await this.files.read(path);
    if (!read.ok) return { ok: false, error: read.error };
    const json = parseEventJson(read.text);
    return json.ok ? json : { ok: false, error: json.error };
  }
}

const stores = new WeakMap<ServerContext, PolicyTests>();

/** The one store of a server (features share its runs). */
export function policyTestsOf(ctx: ServerContext): PolicyTests {
  let store = stores.get(ctx);
  if (!store) {
    store = new PolicyTests(ctx);
    stores.set(ctx, store);
  }
  return store;
}
