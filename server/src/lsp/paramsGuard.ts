// Every message's params are checked before any handler, the library's or ours, sees them: a hover
// with `params: null` used to answer -32603 "Cannot read properties of null" from the library's own
// wrapper, and a garbage didChange could corrupt the document. A request with params of the wrong
// shape is answered as its handler answers a document that is not open (null, [], or the custom
// message's "not open" reply); a notification with them is dropped, since it can change nothing
// meaningfully. Each check covers every field the handlers read; other fields pass unchecked.
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InitializeRequest,
  Message,
  SetTraceNotification,
  WillSaveTextDocumentNotification,
  WillSaveTextDocumentWaitUntilRequest,
  type Connection,
  type ConnectionOptions,
  type MessageStrategy,
} from 'vscode-languageserver';
import {
  AddTestCaseRequest,
  ClickHouseSqlRequest,
  ComparePoliciesRequest,
  DocumentKindRequest,
  ExplainRequest,
  ExplainTestCaseRequest,
  PolicyTestFileRequest,
  ReplayBaselineRequest,
  ReplayExplainRequest,
  ReplayLoadRequest,
  ReplayUnloadRequest,
  ReplayViewRequest,
  RunPolicyTestsRequest,
} from '../protocol.ts';
import { isJsonObject } from '../core/jsonObject.ts';

type Check = (v: unknown) => boolean;

const string: Check = (v) => typeof v === 'string';
const integer: Check = (v) => Number.isSafeInteger(v);
const unsigned: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const number: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const either =
  (...checks: Check[]): Check =>
  (v) =>
    checks.some((c) => c(v));
const listOf =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
/** An object with at least these fields (others are not looked at). */
const shaped =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v) =>
    isJsonObject(v) && Object.entries(fields).every(([k, check]) => check(v[k]));

const position = shaped({ line: unsigned, character: unsigned });
const range = shaped({ start: position, end: position });
const document = shaped({ textDocument: shaped({ uri: string }) });
const atPosition = shaped({ textDocument: shaped({ uri: string }), position });

const attributes = shaped({
  user: either((v) => v === null, shaped({ name: string, groups: listOf(string) })),
  verb: string,
  isResourceRequest: (v) => typeof v === 'boolean',
  namespace: string,
  apiGroup: string,
  apiVersion: string,
  resource: string,
  subresource: string,
  name: string,
  path: string,
});

const NOWHERE = { textDocument: { uri: '' } };
const ORIGIN = { line: 0, character: 0 };

interface Guard {
  readonly valid: Check;
  /** What a request with invalid params is answered for instead: its handler's reply for no document. */
  readonly standIn?: unknown;
}

const GUARDS: ReadonlyMap<string, Guard> = new Map<string, Guard>([
  [InitializeRequest.method, { valid: shaped({ capabilities: isJsonObject, processId: optional(either(integer, (v) => v === null)), trace: optional(string) }), standIn: { processId: null, rootUri: null, capabilities: {} } }],
  [DidChangeConfigurationNotification.method, { valid: isJsonObject }],
  // vscode-jsonrpc reads a cancellation's id itself before anything else sees it; when its params are
  // not even an object it throws, which it reports as a read error and goes on.
  ['$/cancelRequest', { valid: shaped({ id: either(integer, string) }) }],
  [SetTraceNotification.type.method, { valid: shaped({ value: string }) }],
  [DidOpenTextDocumentNotification.method, { valid: shaped({ textDocument: shaped({ uri: string, languageId: string, version: integer, text: string }) }) }],
  [
    DidChangeTextDocumentNotification.method,
    { valid: shaped({ textDocument: shaped({ uri: string, version: integer }), contentChanges: listOf(shaped({ text: string, range: optional(range), rangeLength: optional(unsigned) })) }) },
  ],
  [DidCloseTextDocumentNotification.method, { valid: document }],
  [DidSaveTextDocumentNotification.method, { valid: shaped({ textDocument: shaped({ uri: string }), text: optional(string) }) }],
  [WillSaveTextDocumentNotification.method, { valid: shaped({ textDocument: shaped({ uri: string }), reason: integer }) }],
  [WillSaveTextDocumentWaitUntilRequest.method, { valid: shaped({ textDocument: shaped({ uri: string }), reason: integer }), standIn: { ...NOWHERE, reason: 1 } }],
  [HoverRequest.method, { valid: atPosition, standIn: { ...NOWHERE, position: ORIGIN } }],
  [CompletionRequest.method, { valid: atPosition, standIn: { ...NOWHERE, position: ORIGIN } }],
  [DefinitionRequest.method, { valid: atPosition, standIn: { ...NOWHERE, position: ORIGIN } }],
  [DocumentSymbolRequest.method, { valid: document, standIn: NOWHERE }],
  [DocumentDiagnosticRequest.method, { valid: shaped({ textDocument: shaped({ uri: string }), previousResultId: optional(string) }), standIn: NOWHERE }],
  [FoldingRangeRequest.method, { valid: document, standIn: NOWHERE }],
  [CodeLensRequest.method, { valid: document, standIn: NOWHERE }],
  [
    CodeActionRequest.method,
    {
      valid: shaped({
        textDocument: shaped({ uri: string }),
        range,
        context: shaped({ diagnostics: listOf(shaped({ range, message: string, code: optional(either(integer, string)) })), only: optional(listOf(string)) }),
      }),
      standIn: { ...NOWHERE, range: { start: ORIGIN, end: ORIGIN }, context: { diagnostics: [] } },
    },
  ],
  [ExplainRequest.method, { valid: shaped({ textDocument: shaped({ uri: string }), request: string, user: optional(string), groups: optional(listOf(string)) }), standIn: { ...NOWHERE, request: '' } }],
  [ReplayLoadRequest.method, { valid: shaped({ workspace: string, files: listOf(string), cwd: optional(string), loadId: number }), standIn: { workspace: '', files: [], loadId: 0 } }],
  [ReplayUnloadRequest.method, { valid: shaped({ workspace: string }), standIn: { workspace: '' } }],
  [
    ReplayViewRequest.method,
    {
      valid: shaped({
        textDocument: shaped({ uri: string }),
        query: shaped({
          user: optional(string),
          verb: optional(string),
          resource: optional(string),
          namespace: optional(string),
          level: optional(string),
          rule: optional(either(integer, (v) => v === 'none')),
          changed: optional(string),
          sort: optional(string),
          offset: optional(number),
          limit: optional(number),
        }),
        errorLimit: optional(number),
      }),
      standIn: { ...NOWHERE, query: {} },
    },
  ],
  [ReplayExplainRequest.method, { valid: shaped({ textDocument: shaped({ uri: string }), key: integer }), standIn: { ...NOWHERE, key: 0 } }],
  [DocumentKindRequest.method, { valid: document, standIn: NOWHERE }],
  [PolicyTestFileRequest.method, { valid: shaped({ uri: string }), standIn: { uri: '' } }],
  [RunPolicyTestsRequest.method, { valid: shaped({ uri: string, cases: optional(listOf(unsigned)) }), standIn: { uri: '' } }],
  [ExplainTestCaseRequest.method, { valid: shaped({ uri: string, index: unsigned }), standIn: { uri: '', index: 0 } }],
  [
    AddTestCaseRequest.method,
    {
      valid: shaped({ textDocument: shaped({ uri: string }), attributes }),
      standIn: { ...NOWHERE, attributes: { user: null, verb: 'get', isResourceRequest: false, namespace: '', apiGroup: '', apiVersion: '', resource: '', subresource: '', name: '', path: '/' } },
    },
  ],
  [ClickHouseSqlRequest.method, { valid: document, standIn: NOWHERE }],
  [ComparePoliciesRequest.method, { valid: shaped({ textDocument: shaped({ uri: string }), baseline: string }), standIn: { ...NOWHERE, baseline: '' } }],
  [ReplayBaselineRequest.method, { valid: shaped({ textDocument: shaped({ uri: string }), baseline: string, keys: listOf(integer) }), standIn: { ...NOWHERE, baseline: '', keys: [] } }],
]);

/** The methods whose params are checked (the protocol test sends garbage to each). */
export const GUARDED_METHODS: readonly string[] = [...GUARDS.keys()];

/** Checks params as they arrive; `rejected` is told each method whose params were refused. */
export function paramsGuard(rejected: (method: string) => void): MessageStrategy {
  return {
    handleMessage(message, next) {
      if (!Message.isRequest(message) && !Message.isNotification(message)) return next(message);
      const guard = GUARDS.get(message.method);
      if (!guard || guard.valid(message.params)) return next(message);
      rejected(message.method);
      if (Message.isNotification(message)) return;
      return next(Object.assign({}, message, { params: guard.standIn }));
    },
  };
}

/** A connection whose incoming params are guarded; refusals are logged on it. */
export function guardedConnection(create: (options: ConnectionOptions) => Connection): Connection {
  let log: ((message: string) => void) | undefined;
  const connection = create({ messageStrategy: paramsGuard((method) => log?.(`Ignored a ${method} message whose params are not what the protocol says.`)) });
  log = (message) => connection.console.error(message);
  return connection;
}
