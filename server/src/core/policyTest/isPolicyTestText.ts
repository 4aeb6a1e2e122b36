// Which files are policy tests rather than policies: their text says `kind: PolicyTest` (block,
// flow or JSON style), or, while still being written, their name ends in .test.yaml/.test.yml.
// The editor gives them test-file support, and no tool lints them as audit policies, although
// `audit-policy.test.yaml` matches the default policy pattern.

/** `kind: PolicyTest` as a block key (at the start of a line, a comment is no key) or in a flow mapping. */
const KIND = /(^[ \t]*(-[ \t]+)?|[{,][ \t]*)["']?kind["']?[ \t]*:[ \t]*["']?PolicyTest["']?(?=[\s,}#]|$)/m;

export const TEST_FILE_NAME = /\.test\.ya?ml$/;

export const isPolicyTestText = (text: string): boolean => KIND.test(text);

/** A test file by its content, or by its name when it holds no other kind of object. */
export const isPolicyTestFile = (path: string, text: string): boolean => isPolicyTestText(text) || (TEST_FILE_NAME.test(path) && !/(^[ \t]*|[{,][ \t]*)["']?kind["']?[ \t]*:/m.test(text));
