// The language client's id and name, the same on the desktop and in the browser.
import { SETTINGS_SECTION } from '../../server/src/protocol.ts';

/** Also the prefix of the trace setting the client reads itself: `kubeAuditPolicy.trace.server`. */
export const CLIENT_ID = SETTINGS_SECTION;
export const CLIENT_NAME = 'Kubernetes Audit Policy';
