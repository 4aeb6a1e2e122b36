// What one entry of `resources:` matches, as (resource, subresource) boxes, following
// kube-apiserver's ruleMatchesResource: "*" matches everything; an exact pattern is compared with
// "resource" or "resource/subresource"; "*/sub" matches any resource's subresource sub; "res/*"
// matches res and every subresource of it. Resources and subresources never contain "/" and a
// resource is never empty, which decides the odd patterns: "a/b/c" and "/*" match nothing, and
// "*/*" matches resource "*" or subresource "*" literally.

/** null = any value; subresource "" = no subresource. */
export interface ResourceBox {
  readonly resource: string | null;
  readonly subresource: string | null;
}

const isSegment = (s: string): boolean => s !== '' && !s.includes('/');

export function resourcePatternBoxes(pattern: string): ResourceBox[] {
  if (pattern === '*') return [{ resource: null, subresource: null }];
  const boxes: ResourceBox[] = [];
  const parts = pattern.split('/');
  if (parts.length === 1 && isSegment(pattern)) boxes.push({ resource: pattern, subresource: '' });
  if (parts.length === 2 && isSegment(parts[0] as string) && isSegment(parts[1] as string)) {
    boxes.push({ resource: parts[0] as string, subresource: parts[1] as string });
  }
  if (pattern.startsWith('*/') && isSegment(pattern.slice(2))) boxes.push({ resource: null, subresource: pattern.slice(2) });
  if (pattern.endsWith('/*') && isSegment(pattern.slice(0, -2))) boxes.push({ resource: pattern.slice(0, -2), subresource: null });
  return boxes;
}
