// What the POLICY arguments of a command name, read with the settings each policy is checked with.
// An argument is a file, "-" (standard input), a directory (every audit policy below it) or a glob
// (fileArguments.ts). Below a directory or through a glob, only audit policies are taken, decided as the editor decides (core/workspace/policyFiles:
// the header, or a `files` pattern); a file named on its own is checked unless it is plainly
// something else (an audit log, a Deployment), which gets one not-a-policy finding. Each policy's
// settings: the defaults, then the nearest `.kube-audit-policy.yaml`, then the command's options.
import { dirname, join, relative, resolve } from 'node:path';
import type { KubernetesVersion } from '../core/kubernetesVersion.ts';
import { LineIndex } from '../core/span.ts';
import { hasPolicyHeader, isPolicyFile } from '../core/workspace/policyFiles.ts';
import { configLayer, DEFAULT_LAYER, layerSettings, type PolicySettings, type SettingsLayer } from '../core/workspace/policySettings.ts';
import { otherKind } from '../core/workspace/notAPolicy.ts';
import { RepositoryConfigFinder, type FoundConfig } from '../io/repositoryConfigFile.ts';
import { argumentFiles } from './fileArguments.ts';
import { inputName, tell, type CliIO } from './io.ts';
import { readPolicyText } from '../io/readPolicyText.ts';

export interface PolicyInput {
  /** As reports name it: the argument, or the argument joined with the path found below it; "-" for standard input. */
  readonly name: string;
  /** Absolute; undefined for standard input. */
  readonly path: string | undefined;
  readonly text: string;
  /** The file began with a byte-order mark (not in `text`). */
  readonly bom: boolean;
  /** What the text plainly is instead of a policy (only for a file named on its own or "-"). */
  readonly notAPolicy: string | undefined;
  readonly settings: PolicySettings;
}

export interface CollectedInputs {
  readonly inputs: readonly PolicyInput[];
  /** One line each for standard error: unreadable files, arguments that name no policy, config file problems (file:line:col). */
  readonly problems: readonly string[];
}

const YAML_FILE = /\.ya?ml$/i;

/** Every policy the arguments name. `overrides`: the command's options (--kubernetes-version, --severity), over any config file. */
export async function collectPolicies(args: readonly string[], io: Pick<CliIO, 'stdin' | 'cwd'>, overrides: SettingsLayer): Promise<CollectedInputs> {
  const collector = new Collector(io, overrides);
  for (const arg of args) await collector.argument(arg);
  return collector;
}

/**
 * The one POLICY of explain or replay: a file or "-", read with its settings
 * (`kubernetesVersion`: the option's, over the config file's). What is wrong (unreadable, plainly no
 * policy, a config file with problems) is told on standard error, and the answer is undefined.
 */
export async function readOnePolicy(command: string, arg: string, io: Pick<CliIO, 'stdin' | 'cwd' | 'stderr'>, kubernetesVersion: KubernetesVersion | undefined): Promise<PolicyInput | undefined> {
  const collector = new Collector(io, kubernetesVersion === undefined ? {} : { kubernetesVersion });
  await collector.named(arg, arg === '-' ? undefined : resolve(io.cwd, arg));
  const [input] = collector.inputs;
  const problems = [...collector.problems, ...(input?.notAPolicy === undefined ? [] : [`${inputName(arg)}: ${input.notAPolicy}`])];
  for (const p of problems) tell(io, command, p);
  return problems.length === 0 ? input : undefined;
}

/**
 * The release for files in `directory` (absolute; the working folder for standard input): the
 * option's, over the nearest config file's, over the newest. The config file's problems are told.
 */
export async function releaseFor(command: string, directory: string, io: Pick<CliIO, 'cwd' | 'stderr'>, option: KubernetesVersion | undefined): Promise<KubernetesVersion> {
  const found = await new RepositoryConfigFinder().find(directory);
  if (found) for (const p of configProblems(found, io.cwd)) tell(io, command, p);
  return layerSettings(DEFAULT_LAYER, ...(found ? [configLayer(found.parsed.config, found.directory)] : []), option === undefined ? {} : { kubernetesVersion: option }).kubernetesVersion;
}

class Collector implements CollectedInputs {
  readonly inputs: PolicyInput[] = [];
  readonly problems: string[] = [];
  private readonly configs = new RepositoryConfigFinder();
  private readonly reportedConfigs = new Set<string>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly io: Pick<CliIO, 'stdin' | 'cwd'>,
    private readonly overrides: SettingsLayer,
  ) {}

  async argument(arg: string): Promise<void> {
    const named = await argumentFiles(arg, this.io.cwd);
    if (named.kind === 'problem') this.problems.push(named.message);
    else if (named.kind === 'found') await this.found(arg, named.prefix, named.from === 'directory' ? named.files.filter((f) => YAML_FILE.test(f)) : named.files, named.base);
    else if (named.path === undefined || !this.seen.has(named.path)) await this.named(arg, named.path);
  }

  /** A file named on its own (`path` absolute), or standard input: checked unless plainly something else. */
  async named(arg: string, path: string | undefined): Promise<void> {
    if (path !== undefined) this.seen.add(path);
    const settings = await this.settingsIn(path === undefined ? this.io.cwd : dirname(path));
    const read = await readPolicyText(arg, this.io);
    if (!read.ok) {
      this.problems.push(`${inputName(arg)}: ${read.error}`);
      return;
    }
    const policy = path === undefined ? hasPolicyHeader(read.text) : isPolicyFile(path, read.text, settings.files);
    this.inputs.push({ name: arg, path, text: read.text, bom: read.bom, notAPolicy: policy ? undefined : otherKind(read.text), settings });
  }

  /** Files found below a directory or through a glob (`arg`): only policies are taken, named `prefix` + their path below `base`. */
  private async found(arg: string, prefix: string, files: readonly string[], base: string): Promise<void> {
    let taken = 0;
    for (const path of files) {
      const name = join(prefix, relative(base, path));
      if (this.seen.has(path)) {
        taken++;
        continue;
      }
      const settings = await this.settingsIn(dirname(path));
      const byName = isPolicyFile(path, '', settings.files);
      const read = await readPolicyText(path, this.io);
      if (!read.ok) {
        // Binary or oversized files that no pattern names are simply not policies.
        if (byName || !read.notText) this.problems.push(`${name}: ${read.error}`);
        continue;
      }
      if (!isPolicyFile(path, read.text, settings.files)) continue;
      this.seen.add(path);
      taken++;
      this.inputs.push({ name, path, text: read.text, bom: read.bom, notAPolicy: undefined, settings });
    }
    if (taken === 0) this.problems.push(`${arg}: no audit policy found (a YAML file with apiVersion audit.k8s.io/… and kind Policy, or one a "files" pattern names)`);
  }

  private async settingsIn(directory: string): Promise<PolicySettings> {
    const found = await this.configs.find(directory);
    if (found && !this.reportedConfigs.has(found.path)) {
      this.reportedConfigs.add(found.path);
      this.problems.push(...configProblems(found, this.io.cwd));
    }
    return layerSettings(DEFAULT_LAYER, ...(found ? [configLayer(found.parsed.config, found.directory)] : []), this.overrides);
  }
}

/** A config file's problems, `file:line:col: message`, the file named relative to the working folder when below it. */
function configProblems(found: FoundConfig, cwd: string): string[] {
  const rel = relative(cwd, found.path);
  const name = rel.startsWith('..') ? found.path : rel;
  const lines = new LineIndex(found.text);
  return found.parsed.problems.map((p) => {
    const at = lines.position(p.span.start);
    return found.text === '' ? `${name}: ${p.message}` : `${name}:${at.line + 1}:${at.character + 1}: ${p.message}`;
  });
}
