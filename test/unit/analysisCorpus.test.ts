// Every corpus policy analysed with the editor's budget: complete, every witness proven by the
// evaluator, with a requestURI consistent with the Event. NOTES.md found no rule fully hidden by earlier ones in any file, so every rule with a
// valid level is reachable; cage-research's partial shadowing of secrets shows as an overlap.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzePolicy } from '../../server/src/core/analysis/analyzePolicy.ts';
import { firstMatch } from '../../server/src/core/evaluate/evaluate.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';
import { loadPolicy } from '../../server/src/core/load/loadPolicy.ts';
import { eventToAttributes } from '../../server/src/core/request/auditEvent.ts';
import { uriDisagreement } from './analysisFixtures.ts';

const DIR = join(__dirname, '../fixtures/corpus/policies');
const V = LATEST_KUBERNETES_VERSION;
const load = (file: string) => loadPolicy(readFileSync(join(DIR, file), 'utf8'), V).policy;

describe('corpus policies', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
    test(file, () => {
      const policy = load(file);
      const analysis = analyzePolicy(policy, { kubernetesVersion: V });
      assert.ok(analysis.complete, 'within the editor budget');
      for (const r of analysis.rules) {
        assert.equal(r.status, policy.rules[r.rule]?.level === null ? 'unsatisfiable' : 'reachable', `rule ${r.rule}`);
        if (r.status !== 'reachable') continue;
        const read = eventToAttributes(JSON.parse(JSON.stringify(r.witness?.event)));
        assert.ok(read.ok);
        assert.equal(firstMatch(policy, read.attributes, V), r.rule);
      }
      // Every Event, also examples of shadowed rules and overlaps, has a requestURI that kube-apiserver
      // parses back to its objectRef and verb, unless a rule forces a verb no request carries.
      for (const r of analysis.rules) {
        for (const w of [r.witness, r.example, ...r.overlaps.map((o) => o.example)]) {
          const why = w && uriDisagreement(w.event);
          if (why) assert.match(why, /has no HTTP method/, `rule ${r.rule}: ${w.description}`);
        }
      }
    });
  }

  test('cage-research: secrets reach the RequestResponse rule only for verbs the Request rule leaves out', () => {
    const analysis = analyzePolicy(load('cage-research.yaml'), { kubernetesVersion: V });
    const rule3 = analysis.rules[3];
    const byRule1 = rule3?.overlaps.find((o) => o.rule === 1);
    assert.equal(byRule1?.kind, 'generalization');
    assert.equal(byRule1?.example.attributes.resource, 'secrets');
    assert.ok(['get', 'list', 'watch', 'create', 'patch', 'delete'].includes(byRule1?.example.attributes.verb ?? ''));
  });
});
