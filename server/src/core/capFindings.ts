// What an editor can show: a file with 100,000 unknown keys has 100,000 findings, and as many
// diagnostics freeze the Problems panel without telling the user more than the first thousand do.
// Beyond a cap per code, one finding of that code says how many more there are, where the first
// of them is; related locations are capped the same way. Pure: the language server applies it to
// what it publishes; `lint` prints every finding.
import type { Finding, RelatedLocation } from './findings.ts';

export const MAX_FINDINGS_PER_CODE = 1000;
export const MAX_RELATED = 100;

/** The findings (in order) with at most `max` of each code, plus one count of the rest of each code. */
export function capFindings(findings: readonly Finding[], max = MAX_FINDINGS_PER_CODE): Finding[] {
  const seen = new Map<Finding['code'], number>();
  const firstLeftOut = new Map<Finding['code'], Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (seen.get(f.code) ?? 0) + 1;
    seen.set(f.code, n);
    if (n <= max) out.push(capRelated(f));
    else if (n === max + 1) firstLeftOut.set(f.code, f);
  }
  for (const [code, first] of firstLeftOut) {
    const more = (seen.get(code) as number) - max;
    out.push({
      ...first,
      message: `${more.toLocaleString('en-US')} more ${code} ${more === 1 ? 'finding is' : 'findings are'} not shown, from here on (the first ${max.toLocaleString('en-US')} are); \`kube-audit-policy lint\` lists them all.`,
      related: [],
    });
  }
  return out;
}

function capRelated(f: Finding): Finding {
  const related = f.related ?? [];
  if (related.length <= MAX_RELATED) return f;
  const rest = related.length - MAX_RELATED;
  const more: RelatedLocation = { span: (related[MAX_RELATED] as RelatedLocation).span, message: `…and ${rest.toLocaleString('en-US')} more like these from here on` };
  return { ...f, related: [...related.slice(0, MAX_RELATED), more] };
}
