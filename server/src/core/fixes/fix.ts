// What a quick fix is: text edits computed from the loaded policy and one finding. Pure data; the
// language server turns it into a code action with a workspace edit, a test applies it to text.
import type { Finding } from '../findings.ts';
import type { KubernetesVersion } from '../kubernetesVersion.ts';
import type { Policy } from '../model.ts';
import type { Span } from '../span.ts';
import type { YamlSource } from './yamlSource.ts';

/** Replace `span` of the original text with `newText` (insert when the span is empty). */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  /** Edits against the original text; they never overlap. */
  readonly edits: readonly TextEdit[];
  /** The fix an editor may apply on its own ("auto fix"): the obvious correction, unchanged meaning otherwise. */
  readonly preferred: boolean;
}

export interface FixInput {
  readonly text: string;
  readonly policy: Policy;
  readonly findings: readonly Finding[];
  readonly kubernetesVersion: KubernetesVersion;
}

/** A provider sees the input, the parsed YAML and the finding it fixes. */
export interface FixContext extends FixInput {
  readonly yaml: YamlSource;
}

export type FixProvider = (finding: Finding, ctx: FixContext) => readonly Fix[];

export const edit = (start: number, end: number, newText: string): TextEdit => ({ span: { start, end }, newText });
