// `test --format junit`: JUnit XML as Apache Ant writes it (the schema CI servers read; the test
// checks it against that XSD): one <testsuite> per test file, one <testcase> per case, a <failure>
// with expected, actual and the trace, an <error> for a case or file that could not be read.
// Characters XML cannot carry (control characters from a hostile file) are replaced.
import { failureText } from './testText.ts';
import type { TestFormatter, TestFileRun } from './testReport.ts';

/** Text and attribute values: escaped, and only the characters XML 1.0 allows. */
const xml = (s: string): string =>
  s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** xs:dateTime without a time zone, as the schema's pattern wants. */
const timestamp = (d: Date): string => d.toISOString().slice(0, 19);

function suite(f: TestFileRun, id: number, now: Date): string {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  const classname = xml(f.file);
  const perCase = f.results.length === 0 ? 0 : f.seconds / f.results.length;
  for (const r of f.results) {
    const open = `    <testcase name="${xml(r.case.name)}" classname="${classname}" time="${perCase.toFixed(6)}"`;
    if (r.kind === 'error') {
      errors++;
      const at = f.position(r.span.start);
      cases.push(`${open}>\n      <error type="unreadable" message="${xml(r.message)}">${xml(`${f.file}:${at.line}:${at.column}: ${r.message}`)}</error>\n    </testcase>`);
    } else if (r.passed) cases.push(`${open}/>`);
    else {
      failures++;
      const message = `${r.mismatches.join(', ')} differ${r.mismatches.length === 1 ? 's' : ''} from the expected outcome`;
      cases.push(`${open}>\n      <failure type="mismatch" message="${xml(message)}">${xml(failureText(f, r))}</failure>\n    </testcase>`);
    }
  }
  // Problems of the file itself (no policy, a broken case) are errors of a case named after the file.
  const fileProblems = f.problems;
  if (fileProblems.length > 0) {
    errors++;
    const text = fileProblems.map((p) => `${f.file}:${p.line}:${p.column}: ${p.message}`).join('\n');
    cases.push(`    <testcase name="${xml(`${f.file} could not be read`)}" classname="${classname}" time="0">\n      <error type="unreadable" message="${xml(fileProblems[0]?.message ?? '')}">${xml(text)}</error>\n    </testcase>`);
  }
  const properties = f.policy
    ? [`      <property name="policy" value="${xml(f.policy.name)}"/>`, `      <property name="kubernetesVersion" value="${xml(f.policy.kubernetesVersion)}"/>`]
    : [];
  return [
    `  <testsuite package="kube-audit-policy" id="${id}" name="${xml(f.file)}" timestamp="${timestamp(now)}" hostname="localhost" tests="${cases.length}" failures="${failures}" errors="${errors}" time="${f.seconds.toFixed(6)}">`,
    properties.length > 0 ? `    <properties>\n${properties.join('\n')}\n    </properties>` : '    <properties/>',
    ...cases,
    '    <system-out/>',
    '    <system-err/>',
    '  </testsuite>',
  ].join('\n');
}

export const testJunit: TestFormatter = (report, { now }) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${report.files.map((f, i) => suite(f, i, now)).join('\n')}\n</testsuites>\n`;
