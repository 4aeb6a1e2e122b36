// Every command the extension registers, by id. The ids are public (keybindings, tests, code lenses):
// keep them stable. A new command is one file in this folder plus one line here and one entry in
// package.json `contributes.commands`. The replay commands are the desktop's (replayCommands.ts).
import { EXPLAIN_TEST_CASE_COMMAND } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { COMPARE_WITH_COMMAND, compareWith } from './compareWith.ts';
import { copyClickHouseSql } from './copyClickHouseSql.ts';
import { explainRequest } from './explainRequest.ts';
import { explainTestCase } from './explainTestCase.ts';
import { NEW_POLICY_COMMAND, newPolicy } from './newPolicy.ts';
import { restartServer } from './restartServer.ts';
import { SHOW_CODE_DOCUMENTATION_COMMAND, showCodeDocumentation } from './showCodeDocumentation.ts';
import { showOutput } from './showOutput.ts';

export type CommandFactory = (ctx: ClientContext) => (...args: unknown[]) => unknown;

export const COMMANDS: Readonly<Record<string, CommandFactory>> = {
  'kubeAuditPolicy.explainRequest': explainRequest,
  'kubeAuditPolicy.restartServer': restartServer,
  'kubeAuditPolicy.showOutput': showOutput,
  [COMPARE_WITH_COMMAND]: compareWith,
  [EXPLAIN_TEST_CASE_COMMAND]: explainTestCase,
  'kubeAuditPolicy.copyClickHouseSql': copyClickHouseSql,
  [SHOW_CODE_DOCUMENTATION_COMMAND]: showCodeDocumentation,
  [NEW_POLICY_COMMAND]: newPolicy,
};
