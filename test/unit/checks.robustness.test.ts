// The catalog and practice checks never throw, whatever strings a policy holds: random rules built
// from hostile names (empty, slashes, wildcards, unicode, very long) go through every check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { coreGroupName } from '../../server/src/core/checks/catalog/coreGroupName.ts';
import { kindInsteadOfResource } from '../../server/src/core/checks/catalog/kindInsteadOfResource.ts';
import { obsoleteUser } from '../../server/src/core/checks/catalog/obsoleteUser.ts';
import { removedApi } from '../../server/src/core/checks/catalog/removedApi.ts';
import { resourceInWrongGroup } from '../../server/src/core/checks/catalog/resourceInWrongGroup.ts';
import { unknownGroup } from '../../server/src/core/checks/catalog/unknownGroup.ts';
import { unknownResource } from '../../server/src/core/checks/catalog/unknownResource.ts';
import { unknownSubresource } from '../../server/src/core/checks/catalog/unknownSubresource.ts';
import { execNotAudited } from '../../server/src/core/checks/practice/execNotAudited.ts';
import { execVerbsIncomplete } from '../../server/src/core/checks/practice/execVerbsIncomplete.ts';
import { logsNothing } from '../../server/src/core/checks/practice/logsNothing.ts';
import { noCatchAll } from '../../server/src/core/checks/practice/noCatchAll.ts';
import { panicOmitted } from '../../server/src/core/checks/practice/panicOmitted.ts';
import { redundantOmitStage } from '../../server/src/core/checks/practice/redundantOmitStage.ts';
import { sensitiveResourceBody } from '../../server/src/core/checks/practice/sensitiveResourceBody.ts';
import { findingsOf } from './checksHarness.ts';

const CHECKS = [
  coreGroupName, kindInsteadOfResource, obsoleteUser, removedApi, resourceInWrongGroup, unknownGroup, unknownResource, unknownSubresource,
  sensitiveResourceBody, execNotAudited, execVerbsIncomplete, noCatchAll, logsNothing, redundantOmitStage, panicOmitted,
];

const name = fc.oneof(
  fc.constantFrom('', '*', 'pods', 'pods/*', '*/exec', 'pods/exec', 'secrets', 'Pod', 'core', 'v1', 'extensions', 'apps', 'a/b/c', '/', '**', 'system:unsecured', 'Panic', 'create', 'get', 'None'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constant('x'.repeat(5000)),
);
const list = fc.array(name, { maxLength: 4 });
const rule = fc.record({
  level: fc.constantFrom('None', 'Metadata', 'Request', 'RequestResponse', 'Bogus'),
  users: list,
  userGroups: list,
  verbs: list,
  namespaces: list,
  resources: fc.array(fc.record({ group: name, resources: list, resourceNames: list }), { maxLength: 3 }),
  omitStages: fc.array(fc.constantFrom('RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic', 'Nope'), { maxLength: 3 }),
});

test('every catalog and practice check survives arbitrary rule contents', () => {
  fc.assert(
    fc.property(fc.array(rule, { minLength: 1, maxLength: 4 }), fc.integer({ min: 19, max: 36 }), (rules, minor) => {
      const text = JSON.stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', omitStages: ['Panic'], rules });
      for (const c of CHECKS) {
        for (const f of findingsOf(c, text, minor)) {
          assert.ok(f.finding.span.start >= 0 && f.finding.span.end <= text.length);
          assert.ok(f.message.length > 0);
        }
      }
    }),
    { numRuns: 150 },
  );
});
