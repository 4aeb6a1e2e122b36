// The `files` globs (the `kubeAuditPolicy.files` setting, the repository config file) and the CLI's
// glob arguments, as VS Code reads them (`**`, `*`, `?`, `{a,b}`, `[...]`), turned into one regular
// expression over a path. A pattern without a leading `/` or `**` matches at any depth, as a
// workspace-relative pattern would.

/** undefined for a pattern that cannot be compiled (e.g. `[z-a]`); it then matches nothing. */
export function globPattern(glob: string): RegExp | undefined {
  const rooted = glob.startsWith('/') || glob.startsWith('**');
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob.charAt(i + 1) === '*') {
      const slash = glob.charAt(i + 2) === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close > i + 1) {
        out += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/[\\\]]/g, '\\$&')}]`;
        i = close;
      } else out += '\\[';
    } else out += c.replace(/[.+^$|()\\\]]/g, '\\$&');
  }
  out += ')'.repeat(braces);
  try {
    return new RegExp(`${rooted ? '^' : '(?:^|/)'}${out}$`);
  } catch {
    return undefined;
  }
}
