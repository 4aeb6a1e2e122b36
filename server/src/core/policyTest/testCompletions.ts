// Completion in a policy test file, possibly half-typed: the keys of the file, of a case and of its
// expect (a case takes one of request, event or eventFile; user and groups go with request), and
// values: the test format's apiVersion and kind, the supported releases, the well-known users and
// groups, levels, stages, and the policy's rule indices with each rule's summary.
import { identities, yamlScalar, type Completion } from '../complete/completionItems.ts';
import { completionSiteIn } from '../complete/completionSite.ts';
import { WELL_KNOWN_GROUPS, WELL_KNOWN_USERS } from '../catalog/apiCatalog.ts';
import { enumDescription } from '../describe/schemaDocs.ts';
import { ruleSummary } from '../describe/ruleSummary.ts';
import { formatKubernetesVersion, LATEST_KUBERNETES_VERSION, OLDEST_KUBERNETES_VERSION } from '../kubernetesVersion.ts';
import { LEVELS, STAGES, type Policy } from '../model.ts';
import type { Span } from '../span.ts';
import { POLICY_TEST_API_VERSION, POLICY_TEST_KIND } from './policyTestFile.ts';
import { TEST_KEY_PATHS, testSchemaKeys, type TestKeyContext } from './testSchemaKeys.ts';

export interface TestCompletions {
  /** The word the items replace. */
  readonly word: Span;
  readonly items: readonly Completion[];
}

const INPUTS = ['request', 'event', 'eventFile'];

/** A case takes one input; user and groups only with a request line. */
function excludedCaseKeys(present: readonly string[]): readonly string[] {
  const input = INPUTS.find((k) => present.includes(k));
  if (input === undefined) return present.some((k) => k === 'user' || k === 'groups') ? ['event', 'eventFile'] : [];
  return [...INPUTS.filter((k) => k !== input), ...(input === 'request' ? [] : ['user', 'groups'])];
}

/** `policy`: the policy under test as loaded, for rule indices (undefined when it cannot be read). */
export function testCompletions(text: string, offset: number, policy: Policy | undefined): TestCompletions | undefined {
  const site = completionSiteIn<TestKeyContext>(text, offset, TEST_KEY_PATHS);
  if (!site) return undefined;
  if (site.kind === 'key') {
    const excluded = site.context === 'case' ? excludedCaseKeys(site.present) : [];
    const items = testSchemaKeys(site.context)
      .filter((k) => !site.present.includes(k.key) && !excluded.includes(k.key))
      .map((k): Completion => ({ label: k.key, insert: `${k.key}: `, kind: 'key', documentation: k.description }));
    return { word: site.word, items };
  }
  const value = (label: string, documentation?: string, detail?: string): Completion => ({
    label,
    insert: site.quoted ? label : yamlScalar(label),
    kind: 'value',
    ...(detail === undefined ? {} : { detail }),
    ...(documentation === undefined ? {} : { documentation }),
  });
  const key = `${site.context}/${site.key}`;
  let items: Completion[];
  switch (key) {
    case 'file/apiVersion':
      items = [value(POLICY_TEST_API_VERSION)];
      break;
    case 'file/kind':
      items = [value(POLICY_TEST_KIND)];
      break;
    case 'file/kubernetesVersion': {
      const releases: Completion[] = [];
      for (let m = LATEST_KUBERNETES_VERSION.minor; m >= OLDEST_KUBERNETES_VERSION.minor; m--) {
        const v = formatKubernetesVersion({ major: 1, minor: m });
        // Quoted: a plain 1.30 is the number 1.3 to YAML.
        releases.push({ label: v, insert: site.quoted ? v : `"${v}"`, kind: 'value' });
      }
      items = releases;
      break;
    }
    case 'case/user':
      items = identities(WELL_KNOWN_USERS, false, value);
      break;
    case 'case/groups':
      items = identities(WELL_KNOWN_GROUPS, true, value);
      break;
    case 'expect/level':
      items = LEVELS.map((l) => value(l, enumDescription('Level', l)));
      break;
    case 'expect/omitStages':
      items = STAGES.map((s) => value(s, enumDescription('Stage', s)));
      break;
    case 'expect/omitManagedFields':
      items = [value('true'), value('false')];
      break;
    case 'expect/rule':
      items = [
        ...(policy?.rules ?? []).map((r) => value(String(r.index), ruleSummary(r, policy as Policy), `rule ${r.index}: ${r.level ?? 'invalid level'}`)),
        value('null', 'No rule matches the request: it is not logged (level None).', 'no rule matches'),
      ];
      break;
    default:
      items = [];
  }
  return { word: site.word, items };
}
