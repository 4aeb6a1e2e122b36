// Wires policy tests into the extension at activation: the Test Explorer's controller, and the
// code lens "Run" above a case, which runs it through the controller so its result shows in the
// Test Explorer, the gutter and (on failure) the peek with expected vs actual.
import { commands, Disposable, Uri, window } from 'vscode';
import { RUN_TEST_CASE_COMMAND } from '../../../server/src/protocol.ts';
import type { ClientContext } from '../clientContext.ts';
import { isTestCaseArgs } from '../commands/explainTestCase.ts';
import { PolicyTestController } from './policyTestController.ts';

export function registerPolicyTests(ctx: ClientContext): Disposable {
  const controller = new PolicyTestController(ctx);
  return Disposable.from(
    controller,
    commands.registerCommand(RUN_TEST_CASE_COMMAND, async (arg?: unknown) => {
      if (!isTestCaseArgs(arg)) return;
      const item = await controller.caseItem(ctx.client.protocol2CodeConverter.asUri(arg.uri), arg.index);
      if (!item) {
        void window.showErrorMessage(`Run: case ${arg.index + 1} of ${Uri.parse(arg.uri).path.split('/').pop() ?? 'the test file'} cannot be read; see the problems in the file.`);
        return;
      }
      await controller.runItems([item]);
    }),
  );
}
