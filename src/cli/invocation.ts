// How the user started this CLI, so a printed command can be run as printed: `npx sip-conformance`
// from an install, `./bin/sip-conformance` from a clone, else the launcher's absolute path.
import { isAbsolute, relative, resolve, sep } from 'node:path';

type Env = Record<string, string | undefined>;

export function invokedAs(argv: string[] = process.argv, env: Env = process.env, cwd = process.cwd()): string[] {
  const script = resolve(cwd, argv[1] ?? 'sip-conformance');
  if (script.includes(`${sep}node_modules${sep}`)) return ['npx', 'sip-conformance'];
  // Under `npm run`, the shell the user typed in is INIT_CWD, not npm's folder: a relative path would not work there.
  const inside = relative(cwd, script);
  const typedHere = env.INIT_CWD === undefined || resolve(env.INIT_CWD) === cwd;
  return [typedHere && inside && !inside.startsWith('..') && !isAbsolute(inside) ? `./${inside}` : script];
}
