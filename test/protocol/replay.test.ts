// Protocol tests for replay: load logs into the server, read the panel's view, edit the policy
// (unsaved) and see the counts follow, hits reach code lenses and hovers, explain a shape, progress
// and cancellation. Same bodies in-process and against the spawned out/server.js (npm run build first).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CancellationTokenSource, CodeLensRequest, HoverRequest, LSPErrorCodes, ResponseError, type MarkupContent } from 'vscode-languageserver-protocol/node';
import type { ShapeQuery } from '../../server/src/core/replay/queryShapes.ts';
import {
  ReplayDidChangeNotification,
  ReplayExplainRequest,
  ReplayLoadRequest,
  ReplayProgressNotification,
  ReplayUnloadRequest,
  ReplayViewRequest,
  type ReplayDidChange,
  type ReplayLoadResult,
  type ReplayProgress,
  type ReplayViewData,
} from '../../server/src/protocol.ts';
import { startSession, TRANSPORTS, waitFor, type LspSession } from './lspSession.ts';

interface Req {
  readonly user: string;
  readonly verb: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly level?: string;
}

const event = (r: Req, i: number): string =>
  JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: r.level ?? 'Metadata',
    auditID: `id-${i}`,
    stage: 'ResponseComplete',
    requestURI: `/api/v1/${r.namespace ? `namespaces/${r.namespace}/` : ''}${r.resource}`,
    verb: r.verb,
    user: { username: r.user, groups: ['system:authenticated'] },
    objectRef: { resource: r.resource, ...(r.namespace ? { namespace: r.namespace } : {}), apiVersion: 'v1' },
  });

const times = (n: number, r: Req): Req[] => Array.from({ length: n }, () => r);
const REQUESTS: Req[] = [
  ...times(3, { user: 'system:kube-proxy', verb: 'watch', resource: 'endpoints' }),
  ...times(2, { user: 'alice', verb: 'get', resource: 'secrets', namespace: 'default' }),
  ...times(4, { user: 'bob', verb: 'list', resource: 'pods', namespace: 'team-a' }),
];

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  users: ["system:kube-proxy"]
- level: Metadata
  resources:
  - group: ""
    resources: ["secrets"]
- level: Request
`;
const EDITED = POLICY.replace('["system:kube-proxy"]', '["bob"]');

const ALL: ShapeQuery = {};

describe('replay over the protocol', () => {
  let dir: string;
  let log: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'replay-protocol-'));
    log = join(dir, 'audit.log');
    writeFileSync(log, `${REQUESTS.map(event).join('\n')}\nnot json <script>alert(1)</script>\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const transport of TRANSPORTS) {
    describe(transport, () => {
      let s: LspSession;
      const changes: ReplayDidChange[] = [];
      const progress: ReplayProgress[] = [];
      before(async () => {
        s = await startSession(transport);
        s.connection.onNotification(ReplayDidChangeNotification, (c) => {
          changes.push(c);
        });
        s.connection.onNotification(ReplayProgressNotification, (p) => {
          progress.push(p);
        });
      });
      after(() => s.dispose());

      const workspace = (): string => pathToFileURL(dir).toString();
      const policyUri = (): string => pathToFileURL(join(dir, 'audit-policy.yaml')).toString();
      const view = async (query: ShapeQuery = ALL): Promise<ReplayViewData> => {
        const v = await s.connection.sendRequest(ReplayViewRequest, { textDocument: { uri: policyUri() }, query });
        assert.ok(v.ok, JSON.stringify(v));
        return v;
      };
      const changeFor = (version: number): Promise<ReplayDidChange> =>
        waitFor(`replayDidChange for version ${version}`, () => changes.find((c) => c.uri === policyUri() && c.version === version));

      it('answers no-logs before anything is loaded', async () => {
        await s.open(policyUri(), POLICY);
        const v = await s.connection.sendRequest(ReplayViewRequest, { textDocument: { uri: policyUri() }, query: ALL });
        assert.equal(v.ok, false);
        assert.equal(!v.ok && v.reason, 'no-logs');
      });

      it('loads a log, counts events and the unreadable line with its location', async () => {
        const r = await s.connection.sendRequest(ReplayLoadRequest, { workspace: workspace(), files: ['audit.log'], cwd: dir, loadId: 7 });
        assert.deepEqual(r, { ok: true, files: ['audit.log'], events: 9, errors: 1, inputErrors: [] });
        assert.ok(progress.some((p) => p.loadId === 7 && p.fileCount === 1 && p.events === 9 && p.totalBytes > 0));
        await changeFor(1);
        const v = await view();
        assert.equal(v.totals.events, 9);
        assert.equal(v.totals.kept, 6);
        assert.equal(v.totals.droppedByLevel, 3);
        assert.deepEqual(
          v.rules.map((r) => [r.rule, r.level, r.events]),
          [
            [0, 'None', 3],
            [1, 'Metadata', 2],
            [2, 'Request', 4],
          ],
        );
        assert.equal(v.errors.length, 1);
        assert.equal(v.errors[0]?.file, 'audit.log');
        assert.equal(v.errors[0]?.line, 10);
        // A rule's range is where the editor reveals it: rule 1 starts on line 5 (0-based).
        assert.equal(v.rules[1]?.range.start.line, 5);
      });

      it('re-aggregates the unsaved edit and the counts change', async () => {
        await s.change(policyUri(), EDITED, 2);
        await changeFor(2);
        const v = await view();
        assert.equal(v.version, 2);
        assert.deepEqual(
          v.rules.map((r) => r.events),
          [4, 2, 3],
        );
        assert.equal(v.totals.kept, 5);
        // bob's pods went from Request (recorded Metadata: up, size unknown) to None.
        assert.equal(v.totals.levelDown, 4);
        assert.equal(v.totals.growthUnknownEvents, 3);
      });

      it('puts the hits into code lenses and hovers', async () => {
        const lenses = (await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: policyUri() } })) ?? [];
        const titles = lenses.map((l) => l.command?.title ?? '').filter((t) => /hits?/.test(t));
        assert.deepEqual(titles, ['4 hits of 9 events', '2 hits of 9 events', '3 hits of 9 events']);
        const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: policyUri() }, position: { line: 9, character: 3 } });
        assert.match((hover?.contents as MarkupContent).value, /\b3\b[^\n]*9/);
      });

      it('filters, sorts and pages request shapes on the server', async () => {
        const all = await view();
        assert.equal(all.shapes.total, 3);
        assert.deepEqual(
          all.shapes.rows.map((r) => [r.user, r.events]),
          [
            ['bob', 4],
            ['system:kube-proxy', 3],
            ['alice', 2],
          ],
        );
        const byRule = await view({ rule: 1 });
        assert.deepEqual(
          byRule.shapes.rows.map((r) => r.user),
          ['alice'],
        );
        const none = await view({ level: 'None', user: 'BO' });
        assert.deepEqual(
          none.shapes.rows.map((r) => [r.user, r.rule]),
          [['bob', 0]],
        );
        const down = await view({ changed: 'down' });
        assert.deepEqual(
          down.shapes.rows.map((r) => r.user),
          ['bob'],
        );
        const page = await view({ limit: 1, offset: 1 });
        assert.equal(page.shapes.matched, 3);
        assert.deepEqual(
          page.shapes.rows.map((r) => r.user),
          ['system:kube-proxy'],
        );
      });

      it('explains a shape with the rule-by-rule trace of Explain Request', async () => {
        const v = await view({ user: 'alice' });
        const row = v.shapes.rows[0]!;
        const r = await s.connection.sendRequest(ReplayExplainRequest, { textDocument: { uri: policyUri() }, key: row.key });
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.evaluation.rule, 1);
        assert.equal(r.attributes.user?.name, 'alice');
        assert.equal(r.attributes.resource, 'secrets');
        assert.equal(r.attributes.namespace, 'default');
        assert.deepEqual(
          r.evaluation.trace.map((t) => t.matched),
          [false, true],
        );
        const missing = await s.connection.sendRequest(ReplayExplainRequest, { textDocument: { uri: policyUri() }, key: 10_000 });
        assert.equal(missing.ok, false);
      });

      it('reads gzip and refuses standard input', async () => {
        writeFileSync(join(dir, 'rotated.log.gz'), gzipSync(`${REQUESTS.slice(0, 2).map(event).join('\n')}\n`));
        const gz = await s.connection.sendRequest(ReplayLoadRequest, { workspace: workspace(), files: ['audit.log', 'rotated.log.gz'], cwd: dir, loadId: 8 });
        assert.ok(gz.ok);
        assert.equal(gz.events, 11);
        assert.equal((await view()).totals.events, 11, 'the load replaced the index before it answered');
        const stdin = await s.connection.sendRequest(ReplayLoadRequest, { workspace: workspace(), files: ['-'], loadId: 9 });
        assert.equal(stdin.ok, false);
        assert.equal((await view()).totals.events, 11, 'a refused load keeps the loaded logs');
      });

      it('follows a settings change: the Kubernetes version decides whether group "*" matches (1.36+)', async () => {
        const uri = pathToFileURL(join(dir, 'wildcard-audit-policy.yaml')).toString();
        await s.open(uri, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  resources:\n  - group: "*"\n    resources: ["secrets"]\n- level: Metadata\n');
        const hits = async (): Promise<readonly number[]> => {
          const v = await s.connection.sendRequest(ReplayViewRequest, { textDocument: { uri }, query: ALL });
          assert.ok(v.ok);
          return v.rules.map((r) => r.events);
        };
        const lensTitles = async (): Promise<string[]> =>
          ((await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? []).map((l) => l.command?.title ?? '').filter((t) => /hits? of/.test(t));
        assert.deepEqual(await hits(), [2, 9]);
        await s.changeSettings({ kubernetesVersion: '1.35' });
        assert.deepEqual(await hits(), [0, 11]);
        assert.deepEqual(await lensTitles(), ['0 hits of 11 events', '11 hits of 11 events']);
        await s.changeSettings({});
        assert.deepEqual(await hits(), [2, 9]);
        await s.close(uri);
      });

      it('cancels a long load and keeps the previous index', async () => {
        const big = join(dir, 'big.log');
        const line = event({ user: 'carol', verb: 'get', resource: 'configmaps', namespace: 'x' }, 0);
        writeFileSync(big, `${line}\n`.repeat(Math.ceil((24 << 20) / line.length)));
        const source = new CancellationTokenSource();
        const seen = progress.length;
        const pending = s.connection.sendRequest(ReplayLoadRequest, { workspace: workspace(), files: ['big.log'], cwd: dir, loadId: 10 }, source.token);
        await waitFor('progress of the big log', () => (progress.slice(seen).some((p) => p.loadId === 10) ? true : undefined));
        source.cancel();
        const outcome: ReplayLoadResult | ResponseError = await pending.catch((e: ResponseError) => e);
        assert.ok(outcome instanceof ResponseError && outcome.code === LSPErrorCodes.RequestCancelled, `cancelled, got ${JSON.stringify(outcome)}`);
        assert.equal((await view()).totals.events, 11);
      });

      it('unloads the folder\'s logs: the view says no logs, the hit lenses go, a load works again', async () => {
        const seen = changes.length;
        assert.equal(await s.connection.sendRequest(ReplayUnloadRequest, { workspace: workspace() }), null);
        await waitFor('replayDidChange after the unload', () => changes.slice(seen).find((c) => c.uri === policyUri()));
        const v = await s.connection.sendRequest(ReplayViewRequest, { textDocument: { uri: policyUri() }, query: ALL });
        assert.equal(!v.ok && v.reason, 'no-logs');
        const lenses = (await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: policyUri() } })) ?? [];
        assert.deepEqual(lenses.map((l) => l.command?.title ?? '').filter((t) => /hits? of/.test(t)), []);
        // unloading what is not loaded is harmless
        assert.equal(await s.connection.sendRequest(ReplayUnloadRequest, { workspace: workspace() }), null);
        const again = await s.connection.sendRequest(ReplayLoadRequest, { workspace: workspace(), files: ['audit.log'], cwd: dir, loadId: 11 });
        assert.ok(again.ok);
        assert.equal((await view()).totals.events, 9);
      });
    });
  }
});
