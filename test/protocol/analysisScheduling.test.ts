// The reachability analysis runs off the request path (issue 15: the server blocked 12 s on a 20 KB
// policy): requests are answered while it runs, its findings are published when it is done (after
// the other findings when it takes long, with them when it is quick), and the analysis of a version
// that has been edited since is stopped and never published. In-process, where the test sees how
// many analyses are running; timings are the bench's (hover latency while analysing).
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { CodeLensRequest, DocumentSymbolRequest, HoverRequest, type Diagnostic, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import type { Steps } from '../../server/src/core/analysis/cubeSets.ts';
import { SlicedRunner } from '../../server/src/lsp/slicedRunner.ts';
import { manyUsersAndGroups } from '../../scripts/bench/hostilePolicies.ts';
import { startSession, waitFor, type LspSession } from './lspSession.ts';

const SETTINGS = { files: ['**/*audit*policy*.y{a,}ml'] };
const SLOW = manyUsersAndGroups();
const QUICK = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n    verbs: [get]\n  - level: Metadata\n    verbs: [get]\n  - level: Request\n';
const REACHABILITY = new Set(['unsatisfiable-rule', 'shadowed-rule', 'redundant-rule', 'catch-all-not-last', 'partial-overlap', 'analysis-incomplete']);
const reachability = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => String(d.code)).filter((c) => REACHABILITY.has(c));
const hoverText = (h: Hover | null): string => (h === null ? '' : (h.contents as MarkupContent).value);

/** Steps of about a millisecond each that count how many were taken. */
function counting(total: number): { steps: Steps<string>; taken: () => number } {
  let taken = 0;
  function* run(): Steps<string> {
    for (; taken < total; taken++) {
      const end = performance.now() + 1;
      while (performance.now() < end);
      yield taken;
    }
    return 'done';
  }
  return { steps: run(), taken: () => taken };
}

test('the sliced runner lets timers run between slices, and a cancelled job stops stepping', async () => {
  const runner = new SlicedRunner();
  const long = counting(10_000);
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 1);
  const result = runner.run('a', long.steps);
  await waitFor('timers to run while the job does', () => (ticks >= 3 ? true : undefined));
  assert.equal(runner.running, 1);
  runner.cancel('a');
  assert.equal(await result, undefined);
  clearInterval(ticker);
  const taken = long.taken();
  assert.ok(taken > 0 && taken < 10_000);
  // A job replaced by a newer one of the same key stops too; the newer one runs to its end.
  const first = counting(10_000);
  const replaced = runner.run('b', first.steps);
  const second = runner.run('b', counting(3).steps);
  assert.equal(await replaced, undefined);
  assert.equal(await second, 'done');
  assert.ok(first.taken() < 10_000);
  assert.equal(runner.running, 0);
});

describe('analysis off the request path (in-process)', () => {
  let s: LspSession;
  let counter = 0;
  const uri = (): string => `file:///work/scheduling/doc${++counter}-audit-policy.yaml`;

  before(async () => {
    s = await startSession('in-process', SETTINGS);
  });
  after(() => s.dispose());

  const idle = (): Promise<boolean> => waitFor('the analyses to end', () => (s.server?.runningAnalyses() === 0 ? true : undefined), 60_000);

  it('answers requests while a long analysis runs, then publishes its findings', async () => {
    const u = uri();
    await s.open(u, SLOW);
    // The other findings come first: the analysis has more work than a keystroke's worth.
    const first = await s.diagnostics(u);
    assert.deepEqual(reachability(first.diagnostics), []);
    assert.ok(first.diagnostics.length > 0);
    const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 3, character: 6 } });
    const publishedAtHover = s.published(u).length;
    assert.match(hoverText(hover), /Reachability is being analysed/);
    assert.ok((await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: u } }))?.length === 2);
    assert.ok(Array.isArray(await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: u } })));
    const complete = await s.diagnostics(u, (p) => reachability(p.diagnostics).length > 0);
    assert.deepEqual(reachability(complete.diagnostics), ['analysis-incomplete']);
    assert.ok(s.published(u).length > publishedAtHover, 'the complete findings were published after the hover was answered');
    const later = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 3, character: 6 } });
    assert.doesNotMatch(hoverText(later), /being analysed/);
    await s.close(u);
  });

  it('publishes a quick analysis once, together with the other findings', async () => {
    const u = uri();
    await s.open(u, QUICK);
    const first = await s.diagnostics(u);
    assert.deepEqual(reachability(first.diagnostics), ['shadowed-rule']);
    await idle();
    assert.equal(s.published(u).length, 1);
    await s.close(u);
  });

  it('stops the analysis of an edited version and never publishes it', async () => {
    const u = uri();
    await s.open(u, SLOW, 1);
    await s.diagnostics(u, (p) => p.version === 1);
    await s.change(u, QUICK, 2);
    const second = await s.diagnostics(u, (p) => p.version === 2);
    assert.deepEqual(reachability(second.diagnostics), ['shadowed-rule']);
    await idle();
    // One more round trip, so anything the old analysis could have published has arrived.
    await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: u } });
    const ofVersion1 = s.published(u).filter((p) => p.version === 1);
    assert.equal(ofVersion1.length, 1);
    assert.deepEqual(reachability(ofVersion1[0]?.diagnostics ?? []), []);
    assert.equal(s.published(u).at(-1)?.version, 2);
    await s.close(u);
  });
});
