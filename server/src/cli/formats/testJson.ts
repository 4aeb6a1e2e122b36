// `test --format json`: the contract of issue 13, `{"cases": [{"file", "index", "name", "passed",
// "actual": {"rule", "level", "omitStages", "omitManagedFields"}}], "passed", "failed"}`, each
// failing case also with "expected" and "mismatches"; "errors" lists what could not be read, and
// "coverage" appears with --coverage.
import { allProblems, counts, type TestFormatter } from './testReport.ts';

export const testJson: TestFormatter = (report) => {
  const cases = report.files.flatMap((f) =>
    f.results.flatMap((r) =>
      r.kind === 'ran'
        ? [
            {
              file: f.file,
              index: r.case.index,
              name: r.case.name,
              passed: r.passed,
              actual: { rule: r.actual.rule, level: r.actual.level, omitStages: r.actual.omitStages, omitManagedFields: r.actual.omitManagedFields },
              ...(r.passed ? {} : { expected: r.case.expect, mismatches: r.mismatches }),
            },
          ]
        : [],
    ),
  );
  const errors = report.files.flatMap((f) => allProblems(f).map((p) => ({ file: f.file, line: p.line, column: p.column, message: p.message })));
  const { passed, failed } = counts(report);
  const coverage = report.coverage?.map((c) => ({ policy: c.policy, kubernetesVersion: c.kubernetesVersion, ...c.coverage }));
  return `${JSON.stringify({ cases, passed, failed, errors, ...(coverage ? { coverage } : {}) })}\n`;
};
