// The rule under an offset: inside its mapping, or on the `- ` that opens it (the mapping's span
// starts after the dash). A cursor just after a rule's last character still belongs to it unless
// the next rule starts there.
import type { Policy, PolicyRule } from '../core/model.ts';

export function ruleAt(policy: Policy, text: string, offset: number): PolicyRule | undefined {
  const { rules } = policy;
  return (
    rules.find((r) => r.source.span.start <= offset && offset < r.source.span.end) ??
    rules.find((r) => offset === r.source.span.end) ??
    rules.find((r) => offset < r.source.span.start && /^[ \t]*-[ \t]*$/.test(text.slice(offset, r.source.span.start)))
  );
}
