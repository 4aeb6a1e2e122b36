// apiVersion and kind as kube-apiserver's policy reader handles them (pkg/audit/policy/reader.go):
// the decoder defaults a missing kind to Policy (the type it decodes into) but a missing apiVersion
// to the internal version, which the reader then refuses ("unknown group version field"). Only
// audit.k8s.io/v1 is registered from 1.24 (kubernetes#108092); v1beta1 and v1alpha1 load on 1.23 and
// older, with a deprecation warning from 1.21 (kubernetes#98858).
import { finding, type Finding } from '../findings.ts';
import { atLeast, formatKubernetesVersion, type KubernetesVersion } from '../kubernetesVersion.ts';
import { quote } from '../quote.ts';
import type { Span } from '../span.ts';
import { entryOf, type YValue } from './yamlValue.ts';

const V1 = 'audit.k8s.io/v1';
const OLD_VERSIONS = ['audit.k8s.io/v1beta1', 'audit.k8s.io/v1alpha1'];
const REMOVED_IN = 24;
const DEPRECATED_IN = 21;

export function checkTypeMeta(root: YValue | null, missingAt: Span, version: KubernetesVersion): Finding[] {
  const findings: Finding[] = [];
  const obj = root?.kind === 'object' ? root : undefined;
  if (root && root.kind !== 'null' && !obj) return findings; // checkShape reports a document that is not a mapping.
  const apiVersion = obj ? entryOf(obj, 'apiVersion') : undefined;
  const kind = obj ? entryOf(obj, 'kind') : undefined;
  const target = formatKubernetesVersion(version);

  const av = apiVersion?.value;
  if (!av || av.kind === 'null' || (av.kind === 'string' && av.value === '')) {
    findings.push(
      finding(
        'missing-api-version',
        `apiVersion is missing, so kube-apiserver refuses the file: add "apiVersion: ${V1}".`,
        av?.span ?? apiVersion?.keySpan ?? missingAt,
        null,
        { detail: 'Without apiVersion the file decodes into the internal version, which the policy reader refuses ("unknown group version field audit.k8s.io/__internal, Kind=Policy in policy").' },
      ),
    );
  } else if (av.kind === 'string' && av.value !== V1) {
    const f = apiVersionFinding(av.value, av.span, version, target);
    if (f) findings.push(f);
  }

  const k = kind?.value;
  if (!k || k.kind === 'null' || (k.kind === 'string' && k.value === '')) {
    findings.push(
      finding(
        'missing-kind',
        'kind is missing: kube-apiserver assumes Policy, but kubectl and other tools need "kind: Policy".',
        k?.span ?? kind?.keySpan ?? missingAt,
        null,
        { detail: 'kube-apiserver decodes the file into a Policy whatever its kind, so it starts; kubectl, schema validators and this extension recognise a policy by its kind.' },
      ),
    );
  } else if (k.kind === 'string' && k.value !== 'Policy') {
    findings.push(wrongKind(k.value, av?.kind === 'string' ? av.value : V1, k.span));
  }
  return findings;
}

function apiVersionFinding(value: string, at: Span, version: KubernetesVersion, target: string): Finding | undefined {
  const refused = `kube-apiserver ${target} refuses to start ("failed decoding: no kind \\"Policy\\" is registered for version \\"${value}\\"").`;
  if (OLD_VERSIONS.includes(value)) {
    if (atLeast(version, REMOVED_IN)) {
      return finding('unsupported-api-version', `${value} was removed in Kubernetes 1.${REMOVED_IN}, so kube-apiserver ${target} refuses the file: use ${V1}.`, at, null, {
        detail: `${refused} The Policy fields of ${V1} are the same.`,
      });
    }
    if (atLeast(version, DEPRECATED_IN)) {
      return finding('deprecated-api-version', `${value} is deprecated since Kubernetes 1.${DEPRECATED_IN} and refused from 1.${REMOVED_IN}: use ${V1}.`, at, null, {
        detail: `kube-apiserver ${target} still loads it, with a deprecation warning in its log. ${V1} is served since 1.12 and its Policy fields are the same.`,
        tags: ['deprecated'],
      });
    }
    return undefined;
  }
  const accepted = atLeast(version, REMOVED_IN) ? V1 : [V1, ...OLD_VERSIONS].join(', ');
  const hint = /^v\d/.test(value) ? ` The group is missing: write ${V1}.` : '';
  return finding('unsupported-api-version', `kube-apiserver ${target} reads no audit policy of apiVersion ${quote(value)} and refuses the file.`, at, null, {
    detail: `It reads ${accepted}. ${refused}${hint}`,
  });
}

function wrongKind(kind: string, apiVersion: string, at: Span): Finding {
  if (kind === 'PolicyList') {
    return finding('wrong-kind', 'kind PolicyList cannot become the single Policy kube-apiserver reads, so it refuses the file.', at, null, {
      detail: 'The audit API registers PolicyList, but kube-apiserver decodes the file into one Policy. Use "kind: Policy" with rules at the top level.',
    });
  }
  const hint = kind.toLowerCase() === 'policy' ? ' Kinds are case-sensitive: write "Policy".' : ' It must be "Policy".';
  return finding('wrong-kind', `kind ${quote(kind)} is not Policy, so kube-apiserver refuses the file.`, at, null, {
    detail: `kube-apiserver refuses to start ("no kind \\"${kind}\\" is registered for version \\"${apiVersion}\\"", or the kind cannot be converted into a Policy).${hint}`,
  });
}
