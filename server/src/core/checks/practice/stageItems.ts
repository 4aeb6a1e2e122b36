// The stage named at each omitStages item span, read from the source text: the model keeps only
// valid stages, so item spans and values need not line up one to one.
import { STAGES, type Stage } from '../../model.ts';
import type { Span } from '../../span.ts';

export interface StageItem {
  readonly stage: Stage;
  readonly span: Span;
}

export function stageItems(text: string, spans: readonly Span[]): StageItem[] {
  const out: StageItem[] = [];
  for (const span of spans) {
    const raw = text.slice(span.start, span.end).trim().replace(/^(["'])(.*)\1$/, '$2');
    const stage = STAGES.find((s) => s === raw);
    if (stage) out.push({ stage, span });
  }
  return out;
}
