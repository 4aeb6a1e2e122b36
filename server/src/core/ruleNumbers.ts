// Rules named in a sentence: "rule 2", "rules 0–3 and 7", runs of consecutive numbers as ranges, and
// past `max` parts "rules 0–3, 5, 9 and 4 more", so a sentence stays short however many rules take part.

export function ruleNumbers(indices: readonly number[], max = 4): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  if (sorted.length === 1) return `rule ${sorted[0]}`;
  const runs: [number, number][] = [];
  for (const i of sorted) {
    const last = runs.at(-1);
    if (last && i === last[1] + 1) last[1] = i;
    else runs.push([i, i]);
  }
  // A part names one rule or a run of three or more; each part counts its rules for "n more".
  const parts = runs.flatMap(([a, b]): [string, number][] => (b - a >= 2 ? [[`${a}–${b}`, b - a + 1]] : b === a ? [[`${a}`, 1]] : [[`${a}`, 1], [`${b}`, 1]]));
  const shown = parts.length > max ? parts.slice(0, max - 1) : parts;
  const rest = parts.slice(shown.length).reduce((n, [, count]) => n + count, 0);
  const all = rest > 0 ? [...shown.map(([p]) => p), `${rest} more`] : shown.map(([p]) => p);
  return `rules ${all.length === 1 ? all[0] : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`}`;
}
