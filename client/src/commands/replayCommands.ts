// The desktop's replay commands (they read audit logs from disk through the Node server).
import { SHOW_RULE_HITS_COMMAND } from '../../../server/src/protocol.ts';
import type { CommandFactory } from './index.ts';
import { replayAuditLogs } from './replayAuditLogs.ts';
import { REPLAY_AUDIT_LOGS_COMMAND, type ReplayCommandId } from './replayCommandIds.ts';
import { showRuleHits } from './showRuleHits.ts';

export const REPLAY_COMMANDS: Readonly<Record<ReplayCommandId, CommandFactory>> = {
  [REPLAY_AUDIT_LOGS_COMMAND]: replayAuditLogs,
  [SHOW_RULE_HITS_COMMAND]: showRuleHits,
};
