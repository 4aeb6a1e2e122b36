// Every finding message is one sentence a person reads in a Problems panel row (issue 15): at most
// MAX_MESSAGE characters, no second sentence; the rest goes to the finding's detail. Checked for every
// code on the corpus and every fixture policy (test/fixtures/messages holds the deliberately wrong
// ones, with values long enough to push a careless message over the bound), on three releases.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { reachabilityFindings } from '../../server/src/core/analysis/reachabilityFindings.ts';
import { CODES, type Code } from '../../server/src/core/codes.ts';
import type { Finding } from '../../server/src/core/findings.ts';
import { lint } from '../../server/src/core/lint.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { notAPolicyFinding, otherKind } from '../../server/src/core/workspace/notAPolicy.ts';

const MAX_MESSAGE = 120;
const FIXTURES = join(__dirname, '..', 'fixtures');
const PROTOCOL_FIXTURES = join(__dirname, '..', 'protocol', 'fixtures');
const RELEASES = [19, 23, 36].map((minor) => ({ major: 1 as const, minor }));

function* yamlFiles(dir: string): Iterable<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* yamlFiles(p);
    else if (/\.ya?ml$/.test(entry.name)) yield p;
  }
}

/** Quoted values (which may hold anything) and "e.g." do not end a sentence. */
const secondSentence = (message: string): boolean => /[.!?]\s+\S/.test(message.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\be\.g\./g, 'eg'));

function allFindings(): { where: string; finding: Finding }[] {
  const out: { where: string; finding: Finding }[] = [];
  for (const file of [...yamlFiles(FIXTURES), ...yamlFiles(PROTOCOL_FIXTURES)]) {
    const text = readFileSync(file, 'utf8');
    for (const v of RELEASES) for (const finding of lint(text, { kubernetesVersion: v }).findings) out.push({ where: `${relative(FIXTURES, file)} (1.${v.minor})`, finding });
  }
  // What the CLI says of a file it was given that is no policy: a log, an EventList, another object.
  const others = {
    'an audit log': '{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a"}\n',
    'an EventList': '{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[]}',
    'a Deployment': `apiVersion: apps/v1\nkind: ${'Deployment'.repeat(20)}\n`,
  };
  for (const [where, text] of Object.entries(others)) {
    const description = otherKind(text);
    assert.ok(description, where);
    out.push({ where, finding: notAPolicyFinding(text, description) });
  }
  // A spent budget: the editor's default is never reached by these small files.
  const rules = Array.from({ length: 12 }, (_, i) => `- level: ${i % 2 ? 'None' : 'Metadata'}\n  users: [u${i}]\n`).join('');
  const { policy } = loadPolicy(`apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`, RELEASES[2] as (typeof RELEASES)[number]);
  for (const finding of reachabilityFindings(policy, analyzePolicy(policy, { kubernetesVersion: RELEASES[2] as (typeof RELEASES)[number], budget: 10 }))) out.push({ where: 'budget of 10', finding });
  return out;
}

const FINDINGS = allFindings();

test('every code occurs on the fixtures, so the bound below covers every code', () => {
  const seen = new Set(FINDINGS.map((f) => f.finding.code));
  assert.deepEqual(
    (Object.keys(CODES) as Code[]).filter((c) => !seen.has(c)),
    [],
  );
});

test(`every message is one sentence of at most ${MAX_MESSAGE} characters`, () => {
  const bad = FINDINGS.filter(({ finding: f }) => f.message.length > MAX_MESSAGE || secondSentence(f.message) || !/[.?]$/.test(f.message)).map(
    ({ where, finding: f }) => `${where} ${f.code} (${f.message.length}): ${f.message}`,
  );
  assert.deepEqual([...new Set(bad)], []);
});

test('the sentence check sees a second sentence and lets quoted values and "e.g." be', () => {
  assert.ok(secondSentence('Rule 1 never applies. Move it up.'));
  assert.ok(secondSentence('It is refused! Kube says so.'));
  assert.ok(!secondSentence('Unknown field "a. B" in this rule: kube-apiserver drops it, e.g. here.'));
});
