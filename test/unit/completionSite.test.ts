// Where completion is asked for in half-typed policies: block and flow style, list items at the
// key's column, siblings (the entry's group), comments. `|` marks the cursor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionSite } from '../../server/src/core/complete/completionSite.ts';
import { completions } from '../../server/src/core/complete/completionItems.ts';
import { LATEST_KUBERNETES_VERSION } from '../../server/src/core/kubernetesVersion.ts';

const HEAD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';

/** `expected`: "key <context> [present,...]" or "value <context>.<key> word=<typed> [group=<g>]", or "none". */
function check(source: string, expected: string): void {
  const text = HEAD + source.replace('|', '');
  const offset = HEAD.length + source.indexOf('|');
  const site = completionSite(text, offset);
  let actual = 'none';
  if (site?.kind === 'key') actual = `key ${site.context} [${[...site.present].sort().join(',')}]`;
  if (site?.kind === 'value') {
    const group = site.siblings['group'];
    actual = `value ${site.context}.${site.key} word=${text.slice(site.word.start, site.word.end)}${group === undefined ? '' : ` group=${group}`}${site.quoted ? ' quoted' : ''}`;
  }
  assert.equal(actual, expected, source);
}

test('keys of the policy, of a rule and of a resources entry', () => {
  check('rules:\n  - level: Metadata\n    ver|\n', 'key rule [level]');
  check('rules:\n  - |\n', 'key rule []');
  check('rules:\n  - level: None\n    resources:\n      - group: apps\n        re|\n', 'key groupResources [group]');
  check('rules:\n  - level: None\n    resources:\n    - {group: "", |}\n', 'key groupResources [group]');
  check('rules:\n- level: None\n  |\n', 'key rule [level]');
  check('rules:\n  - level: Metadata\nomit|\n', 'key policy [apiVersion,kind,rules]');
  check('metadata:\n  na|\n', 'none');
});

test('values: scalars, block and flow list items, the entry\'s group for resources', () => {
  check('rules:\n  - level: Me|\n', 'value rule.level word=Me');
  check('rules:\n  - level: None\n    verbs: [get, |]\n', 'value rule.verbs word=');
  check('rules:\n  - level: None\n    verbs:\n      - wa|\n', 'value rule.verbs word=wa');
  check('rules:\n  - level: None\n    resources:\n      - group: apps\n        resources: [dep|]\n', 'value groupResources.resources word=dep group=apps');
  check('rules:\n  - level: None\n    resources:\n      - resources: [dep|]\n        group: apps\n', 'value groupResources.resources word=dep group=apps');
  check('rules:\n  - level: None\n    resources:\n      - group: ""\n        resources:\n          - pods/|\n', 'value groupResources.resources word=pods/ group=');
  check('rules:\n  - level: None\n    resources: [{group: batch, resources: [jo|]}]\n', 'value groupResources.resources word=jo group=batch');
  check('rules:\n  - level: None\n    resources:\n    - group: |\n', 'value groupResources.group word=');
  check('rules:\n  - level: None\n    userGroups: ["system:|"]\n', 'value rule.userGroups word=system: quoted');
  check('omitStages:\n  - Req|\n', 'value policy.omitStages word=Req');
  check('apiVersion: |', 'value policy.apiVersion word=');
});

test('nothing inside comments; an unknown key is still a site (with nothing to offer)', () => {
  check('rules:\n  - level: None # Me|\n', 'none');
  check('rules:\n  - level: None\n    # ver|\n', 'none');
  check('rules:\n  - level: None\n    extra:\n      - fo|\n', 'value rule.extra word=fo');
});

test('completions: subresources after "pods/", the group\'s resources, quoting of "" and "*"', () => {
  const at = (source: string): string[] => {
    const text = HEAD + source.replace('|', '');
    const site = completionSite(text, HEAD.length + source.indexOf('|'));
    assert.ok(site);
    return completions(site, text.slice(site.word.start, site.word.end), LATEST_KUBERNETES_VERSION).map((c) => `${c.label}=>${c.insert}`);
  };
  const subs = at('rules:\n  - level: None\n    resources:\n      - group: ""\n        resources: [pods/|]\n');
  assert.ok(subs.includes('pods/exec=>pods/exec') && subs.includes('pods/*=>pods/*'), subs.join());
  const apps = at('rules:\n  - level: None\n    resources:\n      - group: apps\n        resources: [|]\n');
  assert.ok(apps.includes('deployments=>deployments') && !apps.some((c) => c.startsWith('pods')), apps.join());
  assert.ok(apps.includes('*=>"*"'), 'a bare * would be a YAML alias');
  const groups = at('rules:\n  - level: None\n    resources:\n      - group: |\n');
  assert.equal(groups[0], '""=>""');
  const quoted = at('rules:\n  - level: None\n    resources:\n      - group: "|"\n');
  assert.equal(quoted[0], '""=>');
  const users = at('rules:\n  - level: None\n    users: [|]\n');
  assert.ok(users.includes('system:serviceaccount:<namespace>:<name>=>system:serviceaccount:'), users.join());
});

test('a rule offers nonResourceURLs or resources/namespaces, never the other side once one is there', () => {
  const keys = (source: string): string[] => {
    const text = HEAD + source.replace('|', '');
    const site = completionSite(text, HEAD.length + source.indexOf('|'));
    assert.ok(site?.kind === 'key', source);
    return completions(site, '', LATEST_KUBERNETES_VERSION).map((c) => c.label);
  };
  const fresh = keys('rules:\n  - level: None\n    |\n');
  for (const k of ['resources', 'namespaces', 'nonResourceURLs']) assert.ok(fresh.includes(k), `${k} on an empty rule: ${fresh.join()}`);
  // resources above the cursor, namespaces below it, in flow style: no nonResourceURLs
  for (const source of [
    'rules:\n  - level: None\n    resources:\n      - group: ""\n    |\n',
    'rules:\n  - level: None\n    |\n    namespaces: [kube-system]\n',
    'rules:\n  - {level: None, resources: [{group: ""}], |}\n',
  ]) {
    const offered = keys(source);
    assert.ok(!offered.includes('nonResourceURLs'), `${source}: ${offered.join()}`);
    assert.ok(offered.includes('verbs'), 'the other keys stay');
  }
  const nonResource = keys('rules:\n  - level: None\n    nonResourceURLs: ["/healthz*"]\n    |\n');
  assert.ok(!nonResource.includes('resources') && !nonResource.includes('namespaces'), nonResource.join());
  assert.ok(nonResource.includes('users'));
  // a resources entry's own keys are not a rule's: `resources` inside it is unaffected
  const entry = keys('rules:\n  - level: None\n    nonResourceURLs: ["/x"]\n    resources:\n      - group: ""\n        |\n');
  assert.ok(entry.includes('resources'), entry.join());
});
