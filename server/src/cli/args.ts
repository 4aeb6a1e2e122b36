// What every command reads from its arguments the same way: the options all of them take
// (--format, --kubernetes-version, -h/--help), parse errors as usage errors, the format's value,
// the target release and the single POLICY of explain and replay.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { INPUT_FORMAT_NAMES, isInputFormat, type InputFormat } from '../core/envelope/inputFormats.ts';
import { checkKubernetesVersion, type KubernetesVersion } from '../core/kubernetesVersion.ts';
import { UsageError } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON_OPTIONS = {
  format: { type: 'string', short: 'f' },
  'kubernetes-version': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Strict parse of a command's own options plus the common ones; a bad argument is a UsageError. */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { ...options, ...COMMON_OPTIONS } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** --format: one of `allowed`, the first when absent. */
export function formatOption<F extends string>(value: string | undefined, allowed: readonly [F, ...F[]]): F {
  const format = value ?? allowed[0];
  // includes, not a lookup: "constructor" or "toString" must not pass for a format.
  if (!(allowed as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (expected ${orList(allowed)})`);
  return format as F;
}

const orList = (xs: readonly string[]): string => (xs.length === 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);

/** --kubernetes-version: a supported release, or undefined when absent (a config file's or the newest then). */
export function versionOption(text: string | undefined): KubernetesVersion | undefined {
  if (text === undefined) return undefined;
  const checked = checkKubernetesVersion(text);
  if (!checked.ok) throw new UsageError(`--kubernetes-version ${checked.error}`);
  return checked.version;
}

/** The one POLICY of a command that takes exactly one. */
export function singlePolicyPath(positionals: readonly string[], usage: string): string {
  const [path] = positionals;
  if (path === undefined || positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'no policy file given' : `one policy file expected, got ${positionals.length}`, usage);
  }
  return path;
}

/** The `--input-format` option of the commands that read logs (replay, diff --logs). */
export const INPUT_FORMAT_OPTION = { 'input-format': { type: 'string' } } as const;

/** Its help line: the formats, each read as docs/cloud-logs.md says. */
export const INPUT_FORMAT_USAGE = `--input-format auto|${INPUT_FORMAT_NAMES.join('|')}`;

/** --input-format: a log format, or undefined for auto (told per log from its content). */
export function inputFormatOption(text: string | undefined): InputFormat | undefined {
  if (text === undefined || text === 'auto') return undefined;
  if (!isInputFormat(text)) throw new UsageError(`unknown input format '${text}' (expected auto, ${orList(INPUT_FORMAT_NAMES)})`);
  return text;
}
