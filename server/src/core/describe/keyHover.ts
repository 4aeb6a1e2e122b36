// Hover for a key: what the field means, from the schema. Unknown keys get no hover here: their
// unknown-field diagnostic already says what kube-apiserver does with them.
import { keyDescription, type KeyContext } from './schemaDocs.ts';
import { code } from './phrases.ts';

const CONTEXT_NAMES: Record<KeyContext, string> = {
  policy: 'Policy field',
  rule: 'Rule field',
  groupResources: 'Field of a `resources` entry',
};

export function keyHover(context: KeyContext, key: string): string | undefined {
  const description = keyDescription(context, key);
  return description === undefined ? undefined : `${code(key)} — ${CONTEXT_NAMES[context]}\n\n${description}`;
}
