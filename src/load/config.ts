// The --config file: JSON keyed by spec name. Validation errors name the key and become exit 2.
import { readFile } from 'node:fs/promises';
import { isRecord } from '../model/types.ts';
import type { SpecSettings } from '../model/vendor.ts';

export class ConfigError extends Error {}

export type ConfigFile = Record<string, Record<string, unknown>>;

export async function readConfig(file: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`config ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config ${file}: invalid JSON (${(err as Error).message})`);
  }
  if (!isRecord(data)) throw new ConfigError(`config ${file}: expected a JSON object keyed by spec name`);
  for (const [name, section] of Object.entries(data)) {
    if (!isRecord(section)) throw new ConfigError(`config ${file}: "${name}" must be an object`);
  }
  return data as ConfigFile;
}


/** Reads typed keys of one spec's section, naming `spec.key` in every error. */
export class SectionReader {
  constructor(
    readonly spec: string,
    readonly raw: Record<string, unknown>,
    known: string[],
  ) {
    const unknown = Object.keys(raw).filter((k) => !known.includes(k));
    if (unknown.length) throw new ConfigError(`config ${spec}.${unknown[0]}: unknown key (known: ${known.join(', ')})`);
  }

  string(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') throw new ConfigError(`config ${this.spec}.${key}: expected a non-empty string`);
    return v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw[key];
    if (v !== undefined && typeof v !== 'boolean') throw new ConfigError(`config ${this.spec}.${key}: expected true or false`);
    return v as boolean | undefined;
  }

  number(key: string): number | undefined {
    const v = this.raw[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw new ConfigError(`config ${this.spec}.${key}: expected a number`);
    return v as number | undefined;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const v = this.string(key);
    if (v !== undefined && !values.includes(v as T)) throw new ConfigError(`config ${this.spec}.${key}: expected one of ${values.join(', ')}`);
    return v as T | undefined;
  }

  /** An object of strings, optionally restricted to known keys. */
  strings(key: string, known?: readonly string[]): Record<string, string> {
    const v = this.raw[key];
    if (v === undefined) return {};
    if (!isRecord(v)) throw new ConfigError(`config ${this.spec}.${key}: expected an object of strings`);
    for (const [k, s] of Object.entries(v)) {
      if (known && !known.includes(k)) throw new ConfigError(`config ${this.spec}.${key}.${k}: unknown key (known: ${known.join(', ')})`);
      if (typeof s !== 'string') throw new ConfigError(`config ${this.spec}.${key}.${k}: expected a string`);
    }
    return v as Record<string, string>;
  }

  /** target, headers and fixtures: the keys every spec shares. */
  common(fixtureNames: readonly string[], mockFixtures: Record<string, string> | undefined): SpecSettings {
    const target = this.string('target');
    if (target !== undefined) checkUrl(target, `config ${this.spec}.target`);
    const fixtures = this.strings('fixtures', fixtureNames);
    return { target, headers: this.strings('headers'), fixtures: { ...mockFixtures, ...fixtures }, raw: this.raw };
  }
}

export function checkUrl(value: string, what: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${what}: "${value}" is not a URL (expected http://host[:port][/base])`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${what}: "${value}" must be http or https`);
}
