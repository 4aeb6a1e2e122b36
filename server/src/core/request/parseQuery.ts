// url.ParseQuery as kube-apiserver's req.URL.Query() sees it: pairs split on "&", key and value
// split on the first "=", both percent-decoded. Pairs Go rejects (a ";" in the key, a bad escape)
// are left out, since Query() ignores the error and keeps the rest.
import { unescapeQueryComponent } from './unescapePath.ts';

export type QueryValues = ReadonlyMap<string, readonly string[]>;

export function parseQuery(rawQuery: string): QueryValues {
  const values = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = unescapeQueryComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = unescapeQueryComponent(eq === -1 ? '' : pair.slice(eq + 1));
    if (key === null || value === null) continue;
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
  return values;
}
