// The one file that types every custom message between the VS Code client and the language server
// (vscode-eslint style): method name, direction, params and result. Both sides import it; no other
// file spells a `kubeAuditPolicy/*` method or a command id the server puts into code lenses.
//
// To add a message: declare its params/result here, then a `RequestType`/`NotificationType` constant
// whose comment says who sends it. The server registers handlers in `lsp/startServer.ts` (through
// `runSafe`); the client sends them from `client/src`.
import { NotificationType, RequestType, type Range, type TextDocumentIdentifier } from 'vscode-languageserver-protocol';
import type { RequestAttributes } from './core/attributes.ts';
import type { ChangeKind, Outcome } from './core/diff/outcome.ts';
import type { Evaluation } from './core/evaluation.ts';
import type { ShapePage, ShapeQuery } from './core/replay/queryShapes.ts';
import type { ReplayTotals, RuleRow } from './core/replay/replayAggregate.ts';
import type { ReplayError } from './core/replay/replayIndex.ts';

// ---------------------------------------------------------------------------------------------
// Settings: section `kubeAuditPolicy`, read by the server with workspace/configuration (scoped to
// each document) and re-read on workspace/didChangeConfiguration. The client's package.json
// `contributes.configuration` declares the same keys.

export const SETTINGS_SECTION = 'kubeAuditPolicy';

/** A finding code's severity as a user may set it; `off` silences the code. */
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface KubeAuditPolicySettings {
  /** Target Kubernetes release, "1.30" style; empty or invalid = the newest this build knows. */
  readonly kubernetesVersion: string;
  /** Code -> severity overrides; unknown codes and values are ignored. */
  readonly severity: Readonly<Record<string, SeveritySetting>>;
  /** Glob patterns of files treated as audit policies even without an audit.k8s.io header. */
  readonly files: readonly string[];
  /** Read by the client's LanguageClient itself (`<section>.trace.server`). */
  readonly trace: { readonly server: 'off' | 'messages' | 'verbose' };
}

/** The default of `files` (one declaration, in the core: the CLI uses it too). */
export { DEFAULT_FILE_PATTERNS } from './core/workspace/policyFiles.ts';

/** The `source` of every diagnostic the server publishes; the client recognises its own by it. */
export const DIAGNOSTIC_SOURCE = 'kube-audit-policy';

// ---------------------------------------------------------------------------------------------
// Explain a request: which rule matches it and why each earlier rule did not.

/** Client -> server. Evaluates one request against the policy as currently typed. */
export const ExplainRequest = new RequestType<ExplainRequestParams, ExplainRequestResult, void>('kubeAuditPolicy/explainRequest');

export interface ExplainRequestParams {
  readonly textDocument: TextDocumentIdentifier;
  /**
   * Either a request as a person writes it — `GET /api/v1/namespaces/kube-system/secrets/foo`
   * (an HTTP method or a Kubernetes verb, then the path, query allowed) — or a pasted audit Event JSON.
   */
  readonly request: string;
  /** The requesting user for a request line; ignored for an Event (it carries its own). */
  readonly user?: string;
  /** The user's groups for a request line; ignored for an Event. */
  readonly groups?: readonly string[];
}

export type ExplainRequestResult = ExplainSuccess | ExplainFailure;

export interface ExplainSuccess {
  readonly ok: true;
  /** What the input was read as. */
  readonly input: 'request' | 'event';
  /** The attributes the policy checker saw. */
  readonly attributes: RequestAttributes;
  /** The core's evaluation, unchanged: matched rule, level, omitted stages, per-rule trace. */
  readonly evaluation: Evaluation;
  /** One entry per rule of the policy, indexed by rule index: where to highlight it. */
  readonly rules: readonly ExplainRuleLocation[];
  /** The whole trace as Markdown, for a read-only document. */
  readonly markdown: string;
  /** What the server does with this input that a person may not expect (an ignored fieldSelector, a missing group). */
  readonly notes?: readonly string[];
}

export interface ExplainRuleLocation {
  readonly rule: number;
  /** The whole rule mapping. */
  readonly range: Range;
  /** The key of the field that rejected the request in this rule's trace entry, when there is one. */
  readonly fieldRange: Range | null;
  /** One-line summary of the rule (as in the outline). */
  readonly summary: string;
}

export interface ExplainFailure {
  readonly ok: false;
  /** Why nothing was evaluated: the input could not be read, or the document is not a policy. */
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Commands the server puts into code lenses; the client registers them.

/** Opens the Explain Request input; with `ExplainCommandArgs` it is prefilled for one rule. */
export const EXPLAIN_COMMAND = 'kubeAuditPolicy.explainRequest';

export interface ExplainCommandArgs {
  readonly uri: string;
  readonly rule: number;
  /** A request this rule matches (the reachability witness), when the analysis found one. */
  readonly example?: { readonly request: string; readonly user: string; readonly groups: readonly string[] };
}

/** Reveals a rule's traffic in the replay panel (the replay feature registers it). */
export const SHOW_RULE_HITS_COMMAND = 'kubeAuditPolicy.showRuleHits';

// ---------------------------------------------------------------------------------------------
// Hook for replay hit counts. The replay feature keeps the loaded logs in the server and stores
// each policy's per-rule hits in the server's `RuleHitsStore` (lsp/ruleHitsStore.ts); hover and
// code lenses read it, and the store asks the client to refresh code lenses when it changes. Replay
// messages (load logs, progress, panel data) are declared below this line by that feature.

export interface RuleHits {
  /** The document version the counts were computed for. */
  readonly version: number;
  /** Events replayed in total. */
  readonly events: number;
  /** Hits per rule, indexed by rule index. */
  readonly hits: readonly number[];
}

// Replay (issue 5). The client loads logs per workspace folder (the server reads and indexes them
// once), then asks for views of one policy document; the server re-aggregates for the policy as
// typed after every edit and says so with ReplayDidChange, so an open panel asks again.

/** Client -> server. Reads `files` into the index of `workspace`, replacing what it held. Cancellable. */
export const ReplayLoadRequest = new RequestType<ReplayLoadParams, ReplayLoadResult, void>('kubeAuditPolicy/replayLoad');

export interface ReplayLoadParams {
  /** The workspace folder's URI ("" outside any folder): documents under it use this index. */
  readonly workspace: string;
  /** Logs as listed in `kubeAuditPolicy.replay.logFiles` (JSON lines, EventList or JSON array; `.gz` or not). */
  readonly files: readonly string[];
  /** Relative paths in `files` are read from here (the folder's path on disk). */
  readonly cwd?: string;
  /** Echoed in ReplayProgress so the client can tell concurrent loads apart. */
  readonly loadId: number;
}

export type ReplayLoadResult =
  | {
      readonly ok: true;
      readonly files: readonly string[];
      readonly events: number;
      /** Lines or items that were not audit Events, and unreadable logs (see `inputErrors`). */
      readonly errors: number;
      /** Logs that could not be read, or not to their end. */
      readonly inputErrors: readonly ReplayError[];
    }
  | { readonly ok: false; readonly message: string };

/**
 * Client -> server. Drops the logs loaded for `workspace` (the last one was removed from the panel or
 * the setting): its documents lose their hit counts (or fall back to logs loaded outside any folder),
 * and each gets a ReplayDidChange.
 */
export const ReplayUnloadRequest = new RequestType<ReplayUnloadParams, null, void>('kubeAuditPolicy/replayUnload');

export interface ReplayUnloadParams {
  /** As in ReplayLoadParams. */
  readonly workspace: string;
}

/** Server -> client, while a load runs (at most about ten a second, and once at the end of each log). */
export const ReplayProgressNotification = new NotificationType<ReplayProgress>('kubeAuditPolicy/replayProgress');

export interface ReplayProgress {
  readonly loadId: number;
  readonly file: string;
  readonly fileIndex: number;
  readonly fileCount: number;
  /** Bytes read so far (compressed bytes for .gz) and the logs' total size on disk. */
  readonly bytes: number;
  readonly totalBytes: number;
  readonly events: number;
  readonly errors: number;
}

/** Server -> client: the replay of this document changed (an edit, a load, a setting); views are stale. */
export const ReplayDidChangeNotification = new NotificationType<ReplayDidChange>('kubeAuditPolicy/replayDidChange');

export interface ReplayDidChange {
  readonly uri: string;
  readonly version: number;
}

/** Client -> server. The panel's data for one policy document as currently typed. */
export const ReplayViewRequest = new RequestType<ReplayViewParams, ReplayView, void>('kubeAuditPolicy/replayView');

export interface ReplayViewParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly query: ShapeQuery;
  /** Unreadable lines listed (the index keeps the first ones with their location). */
  readonly errorLimit?: number;
}

export type ReplayView = ReplayViewData | { readonly ok: false; readonly reason: 'no-logs' | 'not-a-policy'; readonly message: string };

export interface ReplayViewData {
  readonly ok: true;
  readonly uri: string;
  readonly version: number;
  readonly kubernetesVersion: string;
  readonly totals: ReplayTotals;
  /** One per policy rule, in order. */
  readonly rules: readonly ReplayRuleView[];
  /** Requests no rule matches. */
  readonly unmatched: RuleRow;
  readonly shapes: ShapePage;
  readonly errors: readonly ReplayError[];
}

export interface ReplayRuleView extends RuleRow {
  readonly rule: number;
  /** Where the rule is in the document, to reveal it. */
  readonly range: Range;
  /** One-line summary (as in the outline). */
  readonly summary: string;
}

/** Client -> server. The rule-by-rule trace of one request shape (its `key`), as Explain Request gives it. */
export const ReplayExplainRequest = new RequestType<ReplayExplainParams, ExplainRequestResult, void>('kubeAuditPolicy/replayExplain');

export interface ReplayExplainParams {
  readonly textDocument: TextDocumentIdentifier;
  /** ShapeRow.key: one recorded request of the shape. */
  readonly key: number;
}

/** Arguments of SHOW_RULE_HITS_COMMAND (code lens "N hits"): opens the panel on this rule's traffic. */
export interface ShowRuleHitsArgs {
  readonly uri: string;
  readonly rule: number;
}

// ---------------------------------------------------------------------------------------------
// Policy tests (issue 13 §3): test files (kind PolicyTest) are read and run by the server, the one
// place that evaluates; the client's Test Explorer lists and runs them through these requests.
// Test documents get their diagnostics by pull (textDocument/diagnostic), hover, completion and
// code lenses like policies.

/** Client -> server. What kind of document this is: the client sets context keys (editor actions) from it. */
export const DocumentKindRequest = new RequestType<DocumentKindParams, DocumentKind, void>('kubeAuditPolicy/documentKind');

export interface DocumentKindParams {
  readonly textDocument: TextDocumentIdentifier;
}

export type DocumentKind = 'policy' | 'policyTest' | 'other';

/** Client -> server. The cases of a test file (open, or read from disk), for the Test Explorer. */
export const PolicyTestFileRequest = new RequestType<PolicyTestFileParams, PolicyTestFileInfo, void>('kubeAuditPolicy/policyTestFile');

export interface PolicyTestFileParams {
  /** A test file's URI; it need not be open. */
  readonly uri: string;
}

export type PolicyTestFileInfo =
  | { readonly isPolicyTest: false; readonly message: string }
  | {
      readonly isPolicyTest: true;
      /** The policy under test, resolved against the test file; null when `policy` is missing. */
      readonly policyUri: string | null;
      readonly cases: readonly PolicyTestCaseInfo[];
      /** Problems that keep cases from being read (each case with one is left out). */
      readonly problems: readonly { readonly message: string; readonly range: Range }[];
    };

export interface PolicyTestCaseInfo {
  /** Position in `cases` (0-based): the case's identity within its file. */
  readonly index: number;
  readonly name: string;
  /** The whole case, for the gutter. */
  readonly range: Range;
}

/** Client -> server. Runs the cases of one test file (all, or those listed) against its policy as typed. */
export const RunPolicyTestsRequest = new RequestType<RunPolicyTestsParams, RunPolicyTestsResult, void>('kubeAuditPolicy/runPolicyTests');

export interface RunPolicyTestsParams {
  readonly uri: string;
  /** Case indexes; every case when absent. */
  readonly cases?: readonly number[];
}

export type RunPolicyTestsResult =
  | { readonly ok: false; readonly message: string; readonly range: Range | null }
  | {
      readonly ok: true;
      readonly policyUri: string;
      /** The release the cases ran under ("1.36"). */
      readonly kubernetesVersion: string;
      readonly results: readonly PolicyTestCaseResult[];
    };

export interface PolicyTestCaseResult {
  readonly index: number;
  readonly name: string;
  readonly range: Range;
  readonly status: 'passed' | 'failed' | 'error';
  /** One line: "rule 3 matches: level Metadata" or why the case could not run. */
  readonly message: string;
  /** Failed cases: the expected and the actual outcome as YAML lines of the same fields (for a diff). */
  readonly expected?: string;
  readonly actual?: string;
  /** Where the message belongs: the expectation that fails, or the input that cannot be read. */
  readonly messageRange: Range;
  /** The explain trace as Markdown (cases that ran). */
  readonly trace?: string;
  /** Why the expectation can never hold, whatever the request (from the policy's analysis). */
  readonly impossible?: string;
}

/** Client -> server. One case explained against its policy, as Explain Request does (code lens "Debug: explain"). */
export const ExplainTestCaseRequest = new RequestType<ExplainTestCaseParams, ExplainTestCaseResult, void>('kubeAuditPolicy/explainTestCase');

export interface ExplainTestCaseParams {
  readonly uri: string;
  readonly index: number;
}

export type ExplainTestCaseResult = (ExplainSuccess & { readonly policyUri: string; readonly caseName: string }) | ExplainFailure;

/** Client -> server. "Add as test case": the edit that appends a case with the current outcome to the policy's test file. */
export const AddTestCaseRequest = new RequestType<AddTestCaseParams, AddTestCaseResult, void>('kubeAuditPolicy/addTestCase');

export interface AddTestCaseParams {
  /** The policy (its test file is `<policy>.test.yaml` beside it). */
  readonly textDocument: TextDocumentIdentifier;
  /** The request, as Explain Request or a replayed shape's explanation read it. */
  readonly attributes: RequestAttributes;
}

export type AddTestCaseResult =
  | { readonly ok: false; readonly message: string }
  | {
      readonly ok: true;
      readonly testUri: string;
      /** The test file does not exist: create it with `text`. */
      readonly create: boolean;
      /** create: the whole file; else the text inserted at `range` (replacing it) of the file as it is now. */
      readonly text: string;
      readonly range: Range;
      readonly caseName: string;
    };

/** Code lens commands on a test case (the client registers them). Arguments: `TestCaseCommandArgs`. */
export const RUN_TEST_CASE_COMMAND = 'kubeAuditPolicy.runTestCase';
export const EXPLAIN_TEST_CASE_COMMAND = 'kubeAuditPolicy.explainTestCase';

export interface TestCaseCommandArgs {
  readonly uri: string;
  readonly index: number;
}

// ---------------------------------------------------------------------------------------------
// Compare with… (issue 13 §3): the policy as typed against a baseline text (its saved version, its
// git HEAD, another file), decided exactly by the core's diff.

/** Client -> server. */
export const ComparePoliciesRequest = new RequestType<ComparePoliciesParams, ComparePoliciesResult, void>('kubeAuditPolicy/comparePolicies');

export interface ComparePoliciesParams {
  /** NEW: the policy as typed. */
  readonly textDocument: TextDocumentIdentifier;
  /** OLD: the baseline's text (read by the client: from disk, git or another file). */
  readonly baseline: string;
}

export type ComparePoliciesResult =
  | { readonly ok: false; readonly message: string }
  | {
      readonly ok: true;
      readonly version: number;
      readonly kubernetesVersion: string;
      /** Every request gets the same outcome under both. */
      readonly equivalent: boolean;
      readonly changes: readonly PolicyChangeView[];
      /** Findings that keep kube-apiserver from loading a side ("the baseline: 2 errors"), so its outcomes are what the tool reads, not what a server would do. */
      readonly refused: readonly string[];
    };

export interface PolicyChangeView {
  readonly before: Outcome;
  readonly after: Outcome;
  readonly kind: ChangeKind;
  /** What is logged that was not / no longer is. */
  readonly more: readonly string[];
  readonly less: readonly string[];
  readonly security: readonly { readonly kind: string; readonly message: string }[];
  /** The requests of the pair in plain English (the first few) and how many lines they make. */
  readonly requests: readonly string[];
  readonly regionCount: number;
  /** A request with exactly this change, as Explain Request takes it. */
  readonly witness: { readonly description: string; readonly request: string; readonly user?: string; readonly groups?: readonly string[] };
  /** The NEW rule that decides these requests now (to reveal it); null: no rule. */
  readonly afterRange: Range | null;
}

/** Client -> server. The replay panel's "vs baseline" column: each recorded request under the baseline and under the policy as typed. */
export const ReplayBaselineRequest = new RequestType<ReplayBaselineParams, ReplayBaselineResult, void>('kubeAuditPolicy/replayBaseline');

export interface ReplayBaselineParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly baseline: string;
  /** ShapeRow keys of the rows on screen. */
  readonly keys: readonly number[];
}

export type ReplayBaselineResult =
  | { readonly ok: false; readonly message: string }
  | {
      readonly ok: true;
      readonly version: number;
      /** Events whose outcome differs between the baseline and the policy as typed, of all replayed. */
      readonly differing: number;
      readonly events: number;
      /** Per requested key: the baseline's outcome, and whether it differs (by effect, as diff compares). */
      readonly rows: readonly { readonly key: number; readonly before: Outcome; readonly differs: boolean }[];
    };

// ---------------------------------------------------------------------------------------------
// Copy as ClickHouse SQL (issue 14): the policy as typed, compiled as `kube-audit-policy sql` does.

/** Client -> server. The summary SELECT over the default source (the client copies it to the clipboard). */
export const ClickHouseSqlRequest = new RequestType<ClickHouseSqlParams, ClickHouseSqlResult, void>('kubeAuditPolicy/clickHouseSql');

export interface ClickHouseSqlParams {
  readonly textDocument: TextDocumentIdentifier;
}

export type ClickHouseSqlResult =
  | {
      readonly ok: true;
      readonly sql: string;
      /** The table expression and column it reads, for the user to replace. */
      readonly from: string;
      readonly column: string;
      /** Errors kube-apiserver would refuse the policy for (the rules that could be read are compiled). */
      readonly errors: number;
    }
  | { readonly ok: false; readonly message: string };

// ---------------------------------------------------------------------------------------------
// Files the server cannot read itself (issue 16, vscode.dev and github.dev): the browser server has
// no file system, so the client reads a test file's policy or event file through `workspace.fs`.

/** Server -> client (browser server only). The text of a file that is not open. */
export const ReadTextFileRequest = new RequestType<ReadTextFileParams, ReadTextFileResult, void>('kubeAuditPolicy/readTextFile');

export interface ReadTextFileParams {
  readonly uri: string;
}

export type ReadTextFileResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };
