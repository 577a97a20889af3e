// The commands of the CLI and their options, one table each: what the parser accepts and what
// `sip-conformance <command> --help` prints.
import { FORMATS } from '../../reports/index.ts';
import { VARIANTS } from '../../mocks/kit.ts';
import type { Command, Option } from './options.ts';

const VARIANT_LIST = VARIANTS.join('|');

const fault = (where: string): Option => ({ name: 'fault', type: 'string', multiple: true, value: 'NAME', description: `switch a deliberate deviation on in ${where} (see mock --list-faults)` });
const variant: Option = { name: 'variant', type: 'string', value: VARIANT_LIST, description: 'the mock\'s reading wherever the documents are silent', default: 'strict' };
const config = (what: string): Option => ({ name: 'config', type: 'string', value: 'FILE', description: `JSON config keyed by spec name (${what})` });
const timeout: Option = { name: 'timeout', type: 'string', value: 'MS', description: 'per-request time limit (1..600000)', default: '5000' };
const format = (what: string, fallback: string): Option => ({ name: 'format', type: 'string', value: 'LIST', description: what, default: fallback });

export const RUN: Command = {
  name: 'run',
  summary: 'Runs the conformance suite of each spec against its target (by default the embedded reference mock) and writes the reports.',
  options: [
    { name: 'spec', type: 'string', multiple: true, value: 'NAME|FILE', description: 'a bundled spec (named by sip-conformance --help) or an OpenAPI 2.0/3.0/3.1 file', default: 'every bundled spec' },
    { name: 'target', type: 'string', value: 'URL', description: 'the server to test (needs exactly one --spec); overrides the config\'s target', default: 'the embedded mock' },
    config('credentials, fixtures, target, rate, mock'),
    { name: 'runs', type: 'string', value: 'N', description: 'random cases per requirement, after the boundary cases (1..100000)', default: '50' },
    { name: 'seed', type: 'string', value: 'N', description: 'run seed (0..2147483647); the same seed replays the same cases', default: 'random, printed' },
    { name: 'report-dir', type: 'string', value: 'DIR', description: 'where the reports go', default: 'reports/out' },
    timeout,
    { name: 'time-limit', type: 'string', value: 'MS', description: 'per-requirement time limit, shrinking included (1000..3600000)', default: '60000' },
    { name: 'concurrency', type: 'string', value: 'N', description: 'requests in flight at once (1..256)', default: '8' },
    { name: 'only', type: 'string', value: 'ID', description: 'only the requirements whose id, error code or test name contains ID (see --dry-run for the ids)' },
    { name: 'catalogue', type: 'string', value: 'FILE', description: 'the error catalogue of a --spec FILE (adds to and overrides the derived requirements)' },
    fault('the embedded mock'),
    variant,
    { name: 'allow-billable', type: 'boolean', description: 'allow Voximplant requirements that create billed registrations on a real account' },
    { name: 'budget', type: 'string', value: 'N', description: 'a hard cap on the requests the run sends (1..10000000)' },
    { name: 'max-time', type: 'string', value: 'DURATION|none', description: 'a time box (90s, 15m, 2h): the plan is cut to the requests that fit at the rate; none runs the whole plan', default: '15m against a paced target, else none' },
    { name: 'resume', type: 'string', value: 'REPORT.json', description: 'continue a time-boxed or interrupted run: judged requirements are kept, the rest run (same seed and settings)' },
    { name: 'rate', type: 'string', value: 'N/s|N/m|none', description: 'requests per second or minute, per credential', default: 'the vendor\'s rate for a real target' },
    { name: 'dry-run', type: 'boolean', description: 'print the requirements, the cases planned and the time at the rate; send nothing' },
    { name: 'base-path', type: 'string', value: 'PATH', description: 'the path the operations of a --spec FILE are served under on the target', default: 'the target URL\'s path, else the document\'s (the root when only it answers)' },
    format(`reports to write, comma-separated: ${FORMATS.join(', ')} (report.json is always written)`, 'all'),
    { name: 'baseline', type: 'string', value: 'FILE', description: 'known failures: listed ones do not fail the run, stale entries do' },
    { name: 'update-baseline', type: 'string', value: 'FILE', description: 'write this run\'s failures to FILE' },
    { name: 'fail-on', type: 'string', value: 'must|should', description: 'should: warnings fail the run too', default: 'must' },
    { name: 'shard', type: 'string', value: 'i/n', description: 'run only shard i of n of every spec\'s requirements (put together with merge)' },
  ],
};

export const MOCK: Command = {
  name: 'mock',
  summary: 'Starts the reference mock of a spec and prints its address, fixtures and credentials; SIGINT or SIGTERM stops it.',
  options: [
    { name: 'spec', type: 'string', value: 'NAME|FILE', description: 'a bundled spec (named by sip-conformance --help) or an OpenAPI file (required)' },
    { name: 'port', type: 'string', value: 'N', description: 'port to listen on (0..65535; 0: any free port)', default: '0' },
    { name: 'host', type: 'string', value: 'H', description: 'address to listen on', default: '127.0.0.1' },
    fault('this mock'),
    variant,
    config('its mock key: faults, variant'),
    { name: 'list-faults', type: 'boolean', description: 'list the faults of the spec\'s mock, with the requirements they break, and exit' },
    { name: 'rate-limit', type: 'string', value: 'heavy|N/s|N/m', description: 'enforce a rate limit per credential (429 with Retry-After)' },
    { name: 'token-lifetime', type: 'string', value: 'MS', description: 'login tokens expire after MS (BAS-IP)' },
    { name: 'keep-keys', type: 'boolean', description: 'keep the folder a standalone mock writes (its ready config; Voximplant\'s private keys) when it stops' },
  ],
};

export const DIFF: Command = {
  name: 'diff',
  operands: 'OLD.json NEW.json',
  summary: 'Compares two reports by spec and requirement: new failures, fixed, changed verdicts, answers and probes. Exit 1 when NEW has failures OLD had not.',
  options: [format('text, md or json', 'text')],
};

export const MERGE: Command = {
  name: 'merge',
  operands: 'A.json B.json ...',
  summary: 'Puts the reports of shards (--shard i/n) back together and writes every format; exits like a run.',
  options: [
    { name: 'report-dir', type: 'string', value: 'DIR', description: 'where the merged reports go (required)' },
    format(`reports to write, comma-separated: ${FORMATS.join(', ')}`, 'all'),
  ],
};

export const REPLAY: Command = {
  name: 'replay',
  operands: 'REPORT.json',
  summary: 'Re-sends the counterexample of every MUST failure in a report and prints fixed or still failing. Exit 0 when all are fixed.',
  options: [
    { name: 'only', type: 'string', multiple: true, value: 'ID', description: 'only this requirement\'s failure' },
    { name: 'target', type: 'string', value: 'URL', description: 'another server to send to', default: 'the report\'s target' },
    config('credentials'),
    { ...timeout, default: 'the report\'s' },
  ],
};

export const COMMANDS = [RUN, MOCK, DIFF, MERGE, REPLAY];

export const EXIT_CODES = [
  '0 every MUST passed',
  '1 a MUST failed, a spec could not run (e.g. login refused), or a new/stale baseline entry',
  '2 usage, config, spec or report-file error, or nothing tested',
  '3 target unreachable',
  '130 interrupted',
];

/** `sip-conformance --help`: the commands, one line each, and the bundled specs. */
export function topHelp(specs: readonly string[]): string {
  return [
    'usage: sip-conformance <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(8)}${c.summary}`),
    '',
    `bundled specs: ${specs.join(', ')}; or an OpenAPI 2.0/3.0/3.1 file`,
    '`sip-conformance <command> --help` lists the options of a command; `sip-conformance --version` prints the version.',
    `exit codes: ${EXIT_CODES.join('; ')}`,
  ].join('\n');
}
