// What every command of the CLI shares: exit codes, usage errors, argument parsing, a spec's own config keys.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const EXIT = { ok: 0, mustFailed: 1, usage: 2, unreachable: 3, interrupted: 130 } as const;

export class UsageError extends Error {}

/** A spec's config section without the keys the runner reads itself (`mock`, `rate`, `sip`): what the spec validates. */
export function specKeys(section: Record<string, unknown> | undefined): Record<string, unknown> {
  const { mock: _mock, rate: _rate, sip: _sip, ...rest } = section ?? {};
  return rest;
}

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals = false) {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: values as Record<string, string | string[] | boolean | undefined>, positionals };
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!.replace(/^TypeError \[\w+\]: /, ''));
  }
}
