// What every check produces. Plain data: the CLI prints it, the language server maps it to
// diagnostics; neither adds to it.
import { CODES, type Code, type Severity } from './codes.ts';
import type { RuleIndex } from './model.ts';
import type { Span } from './span.ts';

// Declared with the codes (each has a default severity); also exported here, with the findings.
export type { Severity };

export interface RelatedLocation {
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly code: Code;
  readonly severity: Severity;
  /** One sentence, short enough for a Problems panel row: what is wrong and what it does. */
  readonly message: string;
  /** The rest: kube-apiserver's own error, the example, what to do (the editor shows it on hover). */
  readonly detail?: string;
  readonly span: Span;
  /** The rule the finding is about, or null for policy-level findings. */
  readonly rule: RuleIndex | null;
  readonly related?: readonly RelatedLocation[];
  /** 'unnecessary' renders faded in editors (dead rules); 'deprecated' struck through. */
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}

/** A finding with the code's default severity from CODES (severity overrides are applied by lint). */
export function finding(code: Code, message: string, span: Span, rule: RuleIndex | null, extra?: Pick<Finding, 'detail' | 'related' | 'tags'>): Finding {
  return { code, severity: CODES[code].severity, message, span, rule, ...extra };
}
