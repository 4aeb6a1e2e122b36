// The one file that types every custom message between the VS Code client and the language server
// (vscode-eslint style): method name, direction, params and result. Both sides import it; no other
// file spells a `kubeAuditPolicy/*` method or a command id the server puts into code lenses.
//
// To add a message: declare its params/result here, then a `RequestType`/`NotificationType` constant
// whose comment says who sends it. The server registers handlers in `lsp/startServer.ts` (through
// `runSafe`); the client sends them from `client/src`.
import { RequestType, type Range, type TextDocumentIdentifier } from 'vscode-languageserver-protocol';
import type { RequestAttributes } from './core/attributes.ts';
import type { Evaluation } from './core/evaluation.ts';

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

export const DEFAULT_FILE_PATTERNS: readonly string[] = ['**/*audit*policy*.y{a,}ml'];

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
