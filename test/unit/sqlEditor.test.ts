// "Copy as ClickHouse SQL": the server compiles the policy as typed, for the document's target
// release, to what `kube-audit-policy sql` prints for the same text; run in chDB over a log it
// decides as the built-in replay does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clickHouseSql } from '../../server/src/lsp/clickHouseSql.ts';
import { DocumentCache } from '../../server/src/lsp/documentCache.ts';
import { SlicedRunner } from '../../server/src/lsp/slicedRunner.ts';
import { resolveSettings } from '../../server/src/lsp/settings.ts';
import { queryRows } from '../helpers/chdb.ts';
import { tempFile } from '../helpers/readLogs.ts';

const ROOT = join(__dirname, '..', '..');
// group "*" matches every group from 1.36 only: the document's target release must reach the SQL.
const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n  resources: [{group: "*", resources: [deployments]}]\n- level: Metadata\n';
const LOG = `${JSON.stringify({ verb: 'get', requestURI: '/apis/apps/v1/deployments', objectRef: { resource: 'deployments', apiGroup: 'apps' }, stage: 'ResponseComplete', level: 'Metadata' })}\n`;

function compiled(version: string, text = POLICY) {
  const doc = new DocumentCache(new SlicedRunner(), () => undefined, () => undefined).get(TextDocument.create('file:///w/audit-policy.yaml', 'yaml', 1, text), resolveSettings({ kubernetesVersion: version }));
  assert.ok(doc);
  const result = clickHouseSql(doc);
  assert.ok(result.ok);
  return result;
}

test('the typed policy, for the document\'s release, is what `kube-audit-policy sql` prints', () => {
  const policy = tempFile('editor-policy.yaml', POLICY);
  for (const version of ['1.35', '1.36']) {
    const cli = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/cli.ts'), 'sql', policy, '--kubernetes-version', version], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(compiled(version).sql, cli.stdout);
  }
});

test('run over a log, it gives the rule the release decides; it says where it reads and the policy\'s errors', async () => {
  const log = tempFile('editor.jsonl', LOG);
  for (const [version, rule] of [['1.35', 1], ['1.36', 0]] as const) {
    const result = compiled(version);
    assert.equal(result.from, "file('audit.log', 'LineAsString')");
    assert.equal(result.column, 'line');
    const rows = await queryRows(result.sql.replace(result.from, `file('${log}', 'LineAsString')`));
    assert.deepEqual(rows.filter((r) => r['section'] === 'shape').map((r) => r['rule']), [rule], version);
  }
  assert.equal(compiled('1.36', `${POLICY}- level: Loud\n`).errors, 1);
});
