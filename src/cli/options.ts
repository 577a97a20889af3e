// One table of options per command: the parser reads it and `<command> --help` prints it, so the
// two cannot drift. Adding a flag is adding a row.
import { parseArgs } from 'node:util';
import { UsageError } from './args.ts';

export interface Option {
  name: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** The value's placeholder in help, e.g. `N`, `FILE`. */
  value?: string;
  description: string;
  default?: string;
}

export interface Command {
  name: string;
  /** What comes after `sip-conformance <name>` besides the options, e.g. `OLD.json NEW.json`. */
  operands?: string;
  /** One line: what the command does. */
  summary: string;
  options: Option[];
}

export type Values = Record<string, string | string[] | boolean | undefined>;

/** Where a usage error of `command` points the user. */
export const seeHelp = (command?: string) => `see \`sip-conformance ${command ? `${command} ` : ''}--help\``;

/** A negative number after a value-taking option is its value (`--runs -1`), so its range can be said. */
function joinNegatives(args: string[], options: Option[]): string[] {
  const takesValue = new Set(options.filter((o) => o.type === 'string').map((o) => `--${o.name}`));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (takesValue.has(args[i]!) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]!);
  }
  return out;
}

export function parseCommand(command: Command, args: string[]): { values: Values; positionals: string[] } {
  const options = Object.fromEntries(command.options.map((o) => [o.name, { type: o.type, ...(o.multiple && { multiple: true }) }]));
  try {
    const { values, positionals } = parseArgs({ args: joinNegatives(args, command.options), options, allowPositionals: command.operands !== undefined, strict: true });
    return { values: values as Values, positionals };
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!.replace(/^TypeError \[\w+\]: /, ''));
  }
}

const WIDEST = 24;

const flag = (o: Option) => `--${o.name}${o.value ? ` ${o.value}` : ''}${o.multiple ? ' ...' : ''}`;

/** `<command> --help`: the synopsis and one line per option, from the table the parser uses. */
export function helpOf(command: Command): string {
  const rows: [string, string][] = [...command.options.map((o): [string, string] => [flag(o), `${o.description}${o.default ? ` (default: ${o.default})` : ''}`]), ['--help', 'this help']];
  const width = Math.min(WIDEST, Math.max(...rows.map(([f]) => f.length))) + 2;
  // A flag wider than the column puts its description on the next line.
  const lines = rows.map(([f, text]) => (f.length < width ? `  ${f.padEnd(width)}${text}` : `  ${f}\n  ${' '.repeat(width)}${text}`));
  return [`usage: sip-conformance ${command.name}${command.operands ? ` ${command.operands}` : ''} [options]`, command.summary, '', 'options:', ...lines].join('\n');
}
