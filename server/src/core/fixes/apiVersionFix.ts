// unsupported-api-version / deprecated-api-version: audit.k8s.io/v1beta1 or v1alpha1 -> v1. The
// three versions have the same Policy fields, so only the header changes.
import { isScalar } from 'yaml';
import type { FixProvider } from './fix.ts';
import { scalarEdit } from './scalarEdit.ts';

export const AUDIT_V1 = 'audit.k8s.io/v1';

export const apiVersionFix: FixProvider = (_finding, { yaml, text }) => {
  const value = yaml.root?.get('apiVersion', true);
  if (!isScalar(value) || !value.range || String(value.value) === AUDIT_V1) return [];
  return [{ title: `Change apiVersion to ${AUDIT_V1}`, edits: [scalarEdit(text, { start: value.range[0], end: value.range[1] }, AUDIT_V1)], preferred: true }];
};
