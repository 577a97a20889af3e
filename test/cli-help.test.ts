import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, RUN } from '../src/cli/commands.ts';
import { helpOf, parseCommand } from '../src/cli/options.ts';
import { cli, cliInProcess } from './support/cli.ts';
import { scratch } from './support/files.ts';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const { dir } = scratch('cli-help');

describe('help is generated from the table the parser reads', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: every option of the table has its help line and parses', (_, command) => {
    const help = helpOf(command);
    for (const o of command.options) {
      expect(help).toMatch(new RegExp(`^  --${o.name}\\b.*\\n?.*${o.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
      const args = o.type === 'boolean' ? [`--${o.name}`] : [`--${o.name}`, 'x'];
      expect(parseCommand(command, args).values[o.name]).toEqual(o.type === 'boolean' ? true : o.multiple ? ['x'] : 'x');
    }
  });

  it('an option the table does not have is refused', () => {
    expect(() => parseCommand(RUN, ['--nope'])).toThrow(/Unknown option '--nope'/);
  });

  it('README documents every option of every command, and every exit code', () => {
    for (const c of COMMANDS) for (const o of c.options) expect(README, `${c.name} --${o.name}`).toContain(`--${o.name}`);
    for (const code of ['| 0 |', '| 1 |', '| 2 |', '| 3 |', '| 130 |']) expect(README).toContain(code);
  });
});

describe.concurrent('--help as a user meets it', () => {
  it('each command prints its own options; the top level lists the commands', async () => {
    // The CLI's main in this process, but for one command through the launcher, as a shell meets it.
    const [top, run, mock, replay, helpRun] = await Promise.all([cli(['--help']), cliInProcess(['run', '--help']), cliInProcess(['mock', '--help']), cliInProcess(['replay', '--help']), cliInProcess(['help', 'run'])]);
    for (const c of COMMANDS) expect(top.stdout).toMatch(new RegExp(`^  ${c.name} `, 'm'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: sip-conformance run \[options\]/);
    expect(run.stdout).toMatch(/^ {2}--runs N +random cases per requirement.*\(default: 50\)$/m);
    expect(mock.stdout).toMatch(/^ {2}--list-faults +list the faults/m);
    expect(mock.stdout).not.toContain('--runs');
    expect(replay.stdout).toMatch(/^usage: sip-conformance replay REPORT\.json \[options\]/);
    expect(helpRun.stdout).toBe(run.stdout);
  });

  it('a usage error is one line and where to look, not the synopsis', async () => {
    const out = await cli(['diff', 'only-one.json']);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toEqual(['sip-conformance: diff: expected two reports, OLD.json NEW.json', 'see `sip-conformance diff --help`']);
  });

  it('--only that matches no requirement: one line before anything starts, no report written (issue 21)', async () => {
    const reports = join(dir, 'nomatch');
    const out = await cliInProcess(['run', '--only', 'NOMATCH', '--report-dir', reports]);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toEqual(['sip-conformance: --only NOMATCH: no requirement id, error code or title contains it (`sip-conformance run --dry-run` lists them)']);
    expect(out.stdout).toBe('');
    expect(existsSync(reports)).toBe(false);
  });
});
