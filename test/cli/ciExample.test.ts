// The CI recipe under examples/ci runs as written: the lint, test and diff steps of the GitHub
// Actions workflow and the script of the GitLab CI job, read from the YAML files themselves, are
// run with bash in a git repository made in a temp dir (a bare "origin", a main branch with the
// example policy and tests, a branch changing the policy), with `kube-audit-policy` on PATH as the
// built out/cli.js. A change that is not security-relevant passes; a security-relevant one fails
// the policy tests and the diff step, and the Markdown names the change.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import semver from 'semver';
import { parse } from 'yaml';
import { engines, name as packageName } from '../../package.json';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples', 'ci');
const CLI = join(ROOT, 'out', 'cli.js');

interface Step {
  readonly id?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}
const workflow = parse(readFileSync(join(EXAMPLES, 'github-actions.yml'), 'utf8')) as { env: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
const gitlab = parse(readFileSync(join(EXAMPLES, 'gitlab-ci.yml'), 'utf8')) as Record<string, { image: string; variables: Record<string, string>; before_script: string[]; script: string[] }>;

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function sh(script: string, cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync('bash', ['-e', '-c', script], { cwd, encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** origin (bare) with main holding the example; a clone on branch "change" with `edit` applied and committed. */
function repository(edit: (policy: string) => string): { dir: string; bin: string } {
  assert.ok(existsSync(CLI), 'out/cli.js is missing: run `npm run build` first');
  const root = mkdtempSync(join(tmpdir(), 'kap-ci-'));
  temps.push(root);
  const bin = join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'kube-audit-policy'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'kube-audit-policy'), 0o755);
  const dir = join(root, 'work');
  const git = 'git -c user.name=ci -c user.email=ci@example.invalid';
  assert.equal(sh(`git init -q --bare origin.git && git init -q -b main work`, root).status, 0);
  for (const f of ['audit-policy.yaml', 'audit-policy.test.yaml']) copyFileSync(join(EXAMPLES, f), join(dir, f));
  const setup = sh(`${git} add . && ${git} commit -qm base && git remote add origin ../origin.git && git push -q origin main && git checkout -q -b change`, dir);
  assert.equal(setup.status, 0, setup.stderr);
  writeFileSync(join(dir, 'audit-policy.yaml'), edit(readFileSync(join(dir, 'audit-policy.yaml'), 'utf8')));
  assert.equal(sh(`${git} commit -qam change && git fetch -q origin`, dir).status, 0);
  return { dir, bin };
}

const HARMLESS = (p: string): string => p.replace('resources: [endpoints, services]', 'resources: [endpoints, services, nodes]');
const RISKY = (p: string): string => p.replace('  - level: RequestResponse\n    resources:\n      - group: rbac.authorization.k8s.io', '  - level: None\n    resources:\n      - group: rbac.authorization.k8s.io');

describe('examples/ci', () => {
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps).filter((s) => ['lint', 'policy-tests', 'policy-diff'].includes(s.id ?? ''));

  test('the workflow has the three steps, and the edits under test change the policy', () => {
    assert.deepEqual(steps.map((s) => s.id), ['lint', 'policy-tests', 'policy-diff']);
    const policy = readFileSync(join(EXAMPLES, 'audit-policy.yaml'), 'utf8');
    assert.notEqual(HARMLESS(policy), policy);
    assert.notEqual(RISKY(policy), policy);
  });

  for (const [name, edit, testStatus, diffStatus] of [['a change that is not security-relevant', HARMLESS, 0, 0], ['a security-relevant change (the policy tests catch it too)', RISKY, 1, 1]] as const) {
    test(`GitHub Actions: ${name}`, () => {
      const { dir, bin } = repository(edit);
      const summary = join(dir, '..', 'summary.md');
      const env = { ...workflow.env, PATH: `${bin}:${process.env.PATH}`, GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary };
      const results = steps.map((s) => [s.id, sh(s.run as string, dir, env)] as const);
      assert.deepEqual(results.map(([id, r]) => [id, r.status]), [['lint', 0], ['policy-tests', testStatus], ['policy-diff', diffStatus]], results.map(([, r]) => r.stderr + r.stdout).join('\n'));
      const markdown = readFileSync(summary, 'utf8');
      assert.match(markdown, /^### Audit policy diff: <code>git:origin\/main:audit-policy\.yaml<\/code> → <code>audit-policy\.yaml<\/code>/);
      if (diffStatus === 1) assert.match(markdown, /:warning: 1 security-relevant/);
      else assert.match(markdown, /\*\*1 change \\\(1 newly dropped\\\)\*\*/);
    });
  }

  test('both install the npm package this repository packs, on a Node.js release engines accepts', () => {
    const install = `npm install --global ${packageName}`;
    const allSteps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    assert.ok(allSteps.some((s) => s.run?.startsWith(install)), 'GitHub Actions installs the package');
    const node = allSteps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];
    assert.ok(semver.satisfies(`${String(node)}.0.0`, engines.node), `GitHub Actions' Node.js ${String(node)}`);
    const job = Object.values(gitlab)[0]!;
    assert.ok(job.before_script.some((c) => c.startsWith(install)), 'GitLab CI installs the package');
    const image = /^node:(\d+)$/.exec(job.image)?.[1];
    assert.ok(semver.satisfies(`${String(image)}.0.0`, engines.node), `GitLab CI's image ${job.image}`);
  });

  test('GitLab CI: the job script, with the JUnit report and the Markdown artifact', () => {
    const job = Object.values(gitlab)[0]!;
    const { dir, bin } = repository(RISKY);
    const env = { ...job.variables, PATH: `${bin}:${process.env.PATH}`, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' };
    const r = sh(job.script.join('\n'), dir, env);
    assert.equal(r.status, 1, r.stderr);
    assert.match(readFileSync(join(dir, 'policy-tests.xml'), 'utf8'), /<testsuite package="kube-audit-policy" id="0" name="audit-policy\.test\.yaml" [^>]*tests="5" failures="1" errors="0"/);
    assert.match(readFileSync(join(dir, 'policy-diff.md'), 'utf8'), /writes to RBAC objects/);
    const { dir: ok, bin: okBin } = repository(HARMLESS);
    assert.equal(sh(job.script.join('\n'), ok, { ...env, PATH: `${okBin}:${process.env.PATH}` }).status, 0);
  });
});
