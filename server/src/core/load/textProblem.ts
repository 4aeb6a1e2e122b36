// Something wrong with the text itself, found before or while reading YAML; the loader reports it as
// yaml-syntax.
import type { Span } from '../span.ts';

export interface TextProblem {
  /** One sentence. */
  readonly message: string;
  /** What to do about it, when that is not obvious. */
  readonly detail?: string;
  readonly span: Span;
}
