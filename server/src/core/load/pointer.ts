// ajv reports locations as JSON pointers (RFC 6901); the loader walks them as path segments.
export const pointerSegments = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
