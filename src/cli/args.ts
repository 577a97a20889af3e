// What every command of the CLI shares: exit codes, usage errors, a spec's own config keys.

export const EXIT = { ok: 0, mustFailed: 1, usage: 2, unreachable: 3, interrupted: 130 } as const;

export class UsageError extends Error {}

/** Input that is well formed but selects nothing (e.g. an `--only` no requirement matches): one line, exit 2. */
export class SelectionError extends Error {}

/** A spec's config section without the keys the runner reads itself (`mock`, `rate`, `sip`): what the spec validates. */
export function specKeys(section: Record<string, unknown> | undefined): Record<string, unknown> {
  const { mock: _mock, rate: _rate, sip: _sip, ...rest } = section ?? {};
  return rest;
}

