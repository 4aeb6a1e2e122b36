// `kube-audit-policy diff` through the built out/cli.js (run `npm run build` first): the JSON
// contract of issue 13 with every witness replayed through `explain --event -` against both
// policies, exit statuses and --fail-on gates, OLD from git (--git REV, git:REV:path) in a
// repository made in a temp dir, one policy under two releases, --logs checked against replay's
// own per-event verdicts, the markdown comment and SARIF, and bad input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli.js');
const OLD = 'test/fixtures/diff/old.yaml';
const NEW = 'test/fixtures/diff/new.yaml';

function run(args: readonly string[], options: { cwd?: string; stdin?: string } = {}) {
  assert.ok(existsSync(CLI), 'out/cli.js is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, input: options.stdin ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Side {
  readonly rule: number | null;
  readonly level: string;
  readonly omitStages: readonly string[];
  readonly omitManagedFields: boolean;
}
interface ChangeJson {
  readonly before: Side;
  readonly after: Side;
  readonly witness: Record<string, unknown>;
  readonly classification: string;
  readonly security: readonly { kind: string }[];
  readonly traffic?: { events: number } | null;
}
interface DiffJson {
  readonly equivalent: boolean;
  readonly changes: readonly ChangeJson[];
  readonly traffic?: { events: number; changed: { events: number; changedEvents: number } };
}

const diffJson = (args: readonly string[], cwd?: string): DiffJson => {
  const r = run(['diff', ...args, '--format', 'json'], { cwd });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as DiffJson;
};

const temps: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'kap-diff-'));
  temps.push(d);
  return d;
};
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('diff OLD NEW', () => {
  test('json: the contract, every pair once, every witness explained to its pair under both policies', () => {
    const out = diffJson([OLD, NEW]);
    assert.deepEqual(Object.keys(out), ['equivalent', 'changes']);
    assert.equal(out.equivalent, false);
    for (const c of out.changes) {
      for (const s of [c.before, c.after]) assert.deepEqual(Object.keys(s), ['rule', 'level', 'omitStages', 'omitManagedFields']);
      for (const [policy, side] of [[OLD, c.before], [NEW, c.after]] as const) {
        const explained = run(['explain', policy, '--event', '-', '--format', 'json'], { stdin: JSON.stringify(c.witness) });
        assert.equal(explained.status, 0, explained.stderr);
        const e = JSON.parse(explained.stdout) as Side;
        assert.deepEqual([e.rule, e.level, e.omitStages, e.omitManagedFields], [side.rule, side.level, side.omitStages, side.omitManagedFields]);
      }
    }
    assert.deepEqual(
      out.changes.map((c) => [c.before.rule, c.after.rule, c.classification, c.security.map((s) => s.kind)]),
      [
        [1, 1, 'more-logged', ['sensitive-bodies']],
        [2, 4, 'less-logged', ['rbac-write']],
        [3, 0, 'newly-dropped', []],
        [3, 3, 'newly-dropped', ['exec']],
      ],
    );
  });

  test('text: grouped by kind, in plain English, with the rules and a witness', () => {
    const r = run(['diff', OLD, NEW]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /4 changes \(2 newly dropped, 1 more logged, 1 less logged\); 3 security-relevant\./);
    assert.match(r.stdout, /\nNewly dropped \(2\)\n {2}watch on core nodes, user system:kube-proxy: Metadata \(omitting RequestReceived\) → not logged \(old rule 3 → new rule 0\)\n {4}e\.g\. GET \/api\/v1\/nodes\?watch=true as system:kube-proxy\n/);
    assert.match(r.stdout, /any verb on core secrets, anyone: Metadata \(omitting RequestReceived\) → Request \(omitting RequestReceived\) \(old rule 1 → new rule 1\)/);
  });

  test('a policy against itself (or a reformatted copy) is equivalent: exit 0', () => {
    const dir = tempDir();
    const copy = join(dir, 'copy.yaml');
    writeFileSync(copy, `# reformatted\n${readFileSync(join(ROOT, OLD), 'utf8').replace(/\[RequestReceived\]/, '\n  - RequestReceived')}`);
    const r = run(['diff', OLD, copy]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /equivalent: every request gets the same outcome under both/);
    assert.deepEqual(diffJson([OLD, copy]), { equivalent: true, changes: [] });
  });

  test('--fail-on gates', () => {
    const status = (...gates: string[]) => run(['diff', OLD, NEW, ...gates.flatMap((g) => ['--fail-on', g])]).status;
    assert.equal(status('any'), 1);
    assert.equal(status('security'), 1);
    assert.equal(status('less-logging'), 1);
    assert.equal(status('more-logging'), 1);
    // Only more logging of pods: no less logging, nothing security-relevant.
    const dir = tempDir();
    const more = join(dir, 'more.yaml');
    const pods = '  - level: Request\n    resources:\n      - group: ""\n        resources: [pods]\n';
    writeFileSync(more, readFileSync(join(ROOT, OLD), 'utf8').replace(/  - level: Metadata\n$/, `${pods}  - level: Metadata\n`));
    const gate = (g: string) => run(['diff', OLD, more, '--fail-on', g]).status;
    assert.deepEqual([gate('less-logging'), gate('security'), gate('more-logging'), gate('any')], [0, 0, 1, 1]);
    assert.equal(run(['diff', OLD, OLD, '--fail-on', 'any']).status, 0);
  });

  test('OLD from git: --git REV POLICY and git:REV:path, from another directory too', () => {
    const dir = tempDir();
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...args], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    writeFileSync(join(dir, 'policy.yaml'), readFileSync(join(ROOT, OLD)));
    git('add', 'policy.yaml');
    git('commit', '-qm', 'old');
    writeFileSync(join(dir, 'policy.yaml'), readFileSync(join(ROOT, NEW)));
    const expected = diffJson([OLD, NEW]).changes.map((c) => [c.before.rule, c.after.rule]);
    assert.deepEqual(diffJson(['--git', 'HEAD', 'policy.yaml'], dir).changes.map((c) => [c.before.rule, c.after.rule]), expected);
    assert.deepEqual(diffJson(['git:HEAD:policy.yaml', 'policy.yaml'], dir).changes.map((c) => [c.before.rule, c.after.rule]), expected);
    assert.deepEqual(diffJson(['--git', 'HEAD', join(dir, 'policy.yaml')], ROOT).changes.map((c) => [c.before.rule, c.after.rule]), expected);
    const text = run(['diff', '--git', 'HEAD', 'policy.yaml'], { cwd: dir });
    assert.match(text.stdout, /^git:HEAD:policy\.yaml → policy\.yaml/);
    const missing = run(['diff', '--git', 'HEAD~5', 'policy.yaml'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^kube-audit-policy diff: git:HEAD~5:policy\.yaml: fatal: /);
    const option = run(['diff', '--git=--output=x', 'policy.yaml'], { cwd: dir });
    assert.equal(option.status, 2);
    assert.match(option.stderr, /"--output=x" is not a git revision/);
    const notRepo = run(['diff', '--git', 'HEAD', 'x.yaml'], { cwd: tmpdir() });
    assert.equal(notRepo.status, 2);
  });

  test('--kubernetes-version A..B: group "*" means every group from 1.36', () => {
    const dir = tempDir();
    const p = join(dir, 'star.yaml');
    writeFileSync(p, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  resources:\n  - group: "*"\n- level: Metadata\n');
    const out = diffJson([p, '--kubernetes-version', '1.35..1.36']);
    assert.deepEqual(
      out.changes.map((c) => [c.before.rule, c.after.rule, c.classification]),
      [[1, 0, 'newly-dropped']],
    );
    assert.equal(out.changes[0]!.witness['verb'] !== undefined, true);
    assert.deepEqual(diffJson([p, '--kubernetes-version', '1.30..1.35']), { equivalent: true, changes: [] });
    const text = run(['diff', p, '--kubernetes-version', '1.35..1.36']);
    assert.match(text.stdout, /star\.yaml \(Kubernetes 1\.35\) → .*star\.yaml \(Kubernetes 1\.36\)/);
    assert.equal(run(['diff', p, '--kubernetes-version', '1.35..1.99']).status, 2);
  });

  test('--logs: the events of the changed requests, as replay evaluates them under each policy', () => {
    const log = 'test/fixtures/corpus/logs/audit2rbac-demo-raw-v1beta1.jsonl';
    const policyA = 'test/fixtures/corpus/policies/audit2rbac-demo.yaml';
    const policyB = 'test/fixtures/corpus/policies/k8s-website-docs.yaml';
    const out = diffJson([policyA, policyB, '--logs', log]);
    const verdicts = (p: string) => run(['replay', p, log, '--format', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l) as Side & { line: number });
    const [a, b] = [verdicts(policyA), verdicts(policyB)];
    const differ = (x: Side, y: Side) => !(x.level === 'None' && y.level === 'None') && (x.level !== y.level || x.omitStages.join() !== y.omitStages.join() || ((x.level === 'Request' || x.level === 'RequestResponse') && x.omitManagedFields !== y.omitManagedFields));
    const changed = a.filter((x, i) => differ(x, b[i]!));
    assert.ok(changed.length > 0);
    assert.equal(out.traffic?.events, a.length);
    assert.equal(out.traffic?.changed.events, changed.length);
    const perChange = out.changes.reduce((n, c) => n + (c.traffic?.events ?? 0), 0);
    assert.equal(perChange, changed.length, 'every changed event is in the pair of a listed change');
    const text = run(['diff', policyA, policyB, '--logs', log, '--top', '2']);
    assert.match(text.stdout, /\nLogs: 757 events read; /);
    assert.match(text.stdout, /\n {4}logs: [\d,]+ events \([\d,]+ recorded differently\)/);
    assert.equal(run(['diff', policyA, policyB, '--logs']).status, 2);
    assert.match(run(['diff', policyA, policyB, '--logs', 'missing.log']).stderr, /missing\.log/);
  });

  test('markdown: the summary table first, details folded, strings from the policy escaped', () => {
    const dir = tempDir();
    const hostile = join(dir, 'hostile.yaml');
    writeFileSync(hostile, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: ["<img src=x onerror=alert(1)>|`x`"]\n- level: Metadata\n');
    const r = run(['diff', OLD, hostile, '--format', 'markdown']);
    assert.equal(r.status, 1);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /^### Audit policy diff: /);
    const table = lines.findIndex((l) => l.startsWith('| | change |'));
    const details = lines.findIndex((l) => l.startsWith('<details>'));
    assert.ok(table > 0 && details > table);
    // Inside the fenced JSON of a witness the name is code; everywhere else it must be escaped.
    const outsideFences = r.stdout.replace(/^(`{3,})json\n[\s\S]*?\n\1$/gm, '');
    assert.ok(r.stdout.includes('"username":"<img'), 'the witness keeps the name');
    assert.ok(!outsideFences.includes('<img'), 'no raw HTML from the policy');
    for (const row of lines.filter((l) => /^\| .* \|$/.test(l))) assert.equal(row.split(/(?<!\\)\|/).length, lines[table]!.split('|').length, `a row keeps its columns: ${row}`);
  });

  test('sarif: one result per security-relevant change, on the new rule', () => {
    const r = run(['diff', OLD, NEW, '--format', 'sarif']);
    const log = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0]!.results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine]);
    // The line of rule i of NEW (its "- level:" line).
    const ruleLine = (i: number) => readFileSync(join(ROOT, NEW), 'utf8').split('\n').map((l, n) => [l, n + 1] as const).filter(([l]) => l.startsWith('  - level:'))[i]![1];
    assert.deepEqual(results, [
      ['diff-security-sensitive-bodies', NEW, ruleLine(1)],
      ['diff-security-rbac-write', NEW, ruleLine(4)],
      ['diff-security-exec', NEW, ruleLine(3)],
    ]);
  });

  test('usage errors and unreadable input exit 2 with one line', () => {
    for (const args of [['diff'], ['diff', OLD], ['diff', OLD, NEW, '--fail-on', 'often'], ['diff', OLD, 'missing.yaml'], ['diff', OLD, NEW, '--format', 'xml'], ['diff', '-', '-']]) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^kube-audit-policy diff: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    const stdin = run(['diff', '-', NEW, '--format', 'json'], { stdin: readFileSync(join(ROOT, OLD), 'utf8') });
    assert.equal(stdin.status, 1, stdin.stderr);
  });
});
