// The analysis budget of analyze, diff and test.
import { DEFAULT_ANALYSIS_BUDGET } from '../core/analysis/analyzePolicy.ts';

/**
 * The CLI is not bound to a keystroke: it may work far longer than the editor before giving up.
 * Measured (work units, unlimited budget): the corpus at most 11k; generated policies of 500 rules
 * (scripts/bench/analysis.ts, 10 seeds) at most 2.6M; the bench's adversarial ones of 500 rules
 * 1.3M (30 prefixes a rule) and 15.5M (40 userGroups a rule, about 1 s). 120M leaves a wide margin;
 * a policy that spends it all stops after 5-30 s of work on this project's shared 2-core machine.
 */
export const CLI_BUDGET = DEFAULT_ANALYSIS_BUDGET * 120;
