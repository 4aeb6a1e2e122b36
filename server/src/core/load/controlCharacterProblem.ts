// Characters gopkg.in/yaml.v2's reader refuses anywhere in the input ("control characters are not
// allowed", readerc.go): C0 controls other than tab, LF and CR, DEL, C1 controls other than NEL, and
// U+FFFE/U+FFFF.
import { span } from '../span.ts';
import type { TextProblem } from './textProblem.ts';

const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

export function controlCharacterProblem(text: string): TextProblem | undefined {
  const control = CONTROL_CHARACTER.exec(text);
  if (!control) return undefined;
  const code = `U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return { message: `YAML syntax error: control character ${code}`, detail: 'Go\'s YAML decoder reports "control characters are not allowed".', span: span(control.index, control.index + 1) };
}
