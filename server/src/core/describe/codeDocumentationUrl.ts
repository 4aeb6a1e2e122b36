// Where the documentation lives. The address is declared once, as package.json's `repository`; the
// editor's code links, SARIF's helpUri and informationUri and the docs links are all derived here.
// Each finding code has its page, docs/codes/<code>.md, which the extension also ships so the editor
// can open it offline (client/src/codeDocumentation.ts).
import { repository } from '../../../../package.json';
import type { Code } from '../codes.ts';

/** The repository's web address: `git+https://host/owner/name.git` → `https://host/owner/name`. */
export const REPOSITORY_URL = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** A file of the repository as the web shows it, on the default branch. */
export const repositoryFileUrl = (path: string): string => `${REPOSITORY_URL}/blob/HEAD/${path}`;

/** A code's page, relative to the repository (and to the installed extension's folder). */
export const codeDocumentationPath = (code: Code): string => `docs/codes/${code}.md`;

export const codeDocumentationUrl = (code: Code): string => repositoryFileUrl(codeDocumentationPath(code));
