// Something wrong with the text itself, found before or while reading YAML; the loader reports it as
// yaml-syntax.
import type { Span } from '../span.ts';

export interface TextProblem {
  readonly message: string;
  readonly span: Span;
}
