// The settings a policy is checked with, from layers where a later one overrides an earlier one:
// the defaults, then the repository config file, then the editor's settings or the CLI's options.
// The target release is replaced, severities are overridden code by code, and `files` patterns add
// up (each only makes more files policies).
import { LATEST_KUBERNETES_VERSION, type KubernetesVersion } from '../kubernetesVersion.ts';
import type { SeverityOverrides } from '../lint.ts';
import { anywhereMatchers, DEFAULT_FILE_PATTERNS, relativeMatchers, type PathMatcher } from './policyFiles.ts';
import type { RepositoryConfig } from './repositoryConfig.ts';

export interface PolicySettings {
  readonly kubernetesVersion: KubernetesVersion;
  readonly severities: SeverityOverrides;
  readonly files: readonly PathMatcher[];
}

export interface SettingsLayer {
  readonly kubernetesVersion?: KubernetesVersion;
  readonly severities?: SeverityOverrides;
  readonly files?: readonly PathMatcher[];
}

export const DEFAULT_LAYER: PolicySettings = { kubernetesVersion: LATEST_KUBERNETES_VERSION, severities: {}, files: anywhereMatchers(DEFAULT_FILE_PATTERNS) };

/** The config file's layer; its `files` are relative to `directory`, the folder it is in. */
export const configLayer = (config: RepositoryConfig, directory: string): SettingsLayer => ({
  ...(config.kubernetesVersion ? { kubernetesVersion: config.kubernetesVersion } : {}),
  severities: config.severity,
  files: relativeMatchers(config.files, directory),
});

export function layerSettings(base: PolicySettings, ...layers: readonly SettingsLayer[]): PolicySettings {
  return layers.reduce<PolicySettings>(
    (s, l) => ({
      kubernetesVersion: l.kubernetesVersion ?? s.kubernetesVersion,
      severities: { ...s.severities, ...l.severities },
      files: [...s.files, ...(l.files ?? [])],
    }),
    base,
  );
}
