// The replay commands' ids, apart from their code: the desktop registers the commands
// (replayCommands.ts), the browser answers them with why replay needs the desktop app.
import { SHOW_RULE_HITS_COMMAND } from '../../../server/src/protocol.ts';

export const REPLAY_AUDIT_LOGS_COMMAND = 'kubeAuditPolicy.replayAuditLogs';

export const REPLAY_COMMAND_IDS = [REPLAY_AUDIT_LOGS_COMMAND, SHOW_RULE_HITS_COMMAND] as const;

export type ReplayCommandId = (typeof REPLAY_COMMAND_IDS)[number];
