// The replay and curl lines a failure prints work when pasted into a shell (issue 17): here, how they
// are made; run as printed against a standalone mock in test/reports/cli-reports.test.ts.
import { describe, expect, it } from 'vitest';
import { invokedAs } from '../src/cli/invocation.ts';
import { curlOf } from '../src/http/curl.ts';

describe('the command a printed line starts with', () => {
  it('is how the user started the CLI', () => {
    expect(invokedAs(['node', '/repo/bin/sip-conformance'], {}, '/repo')).toEqual(['./bin/sip-conformance']);
    expect(invokedAs(['node', '/repo/bin/sip-conformance'], {}, '/elsewhere')).toEqual(['/repo/bin/sip-conformance']);
    expect(invokedAs(['node', '/app/node_modules/sip-conformance/bin/sip-conformance'], {}, '/app')).toEqual(['npx', 'sip-conformance']);
    expect(invokedAs(['node', '/app/node_modules/.bin/sip-conformance'], {}, '/app')).toEqual(['npx', 'sip-conformance']);
    // npm runs a script in the package's folder; the user typed it in INIT_CWD.
    expect(invokedAs(['node', '/repo/bin/sip-conformance'], { INIT_CWD: '/repo' }, '/repo')).toEqual(['./bin/sip-conformance']);
    expect(invokedAs(['node', '/repo/bin/sip-conformance'], { INIT_CWD: '/repo/sub' }, '/repo')).toEqual(['/repo/bin/sip-conformance']);
  });
});

describe('curl lines', () => {
  it('name each secret once, as a variable set on a line above, wherever it travels', () => {
    const line = curlOf(
      { method: 'POST', url: 'http://h/x?password=pw-secret&a=1', headers: { Authorization: 'Bearer tok-123456', 'X-Api-Key': "k$'!9999" }, body: '{"p":"pw-secret"}' },
      ['tok-123456', 'pw-secret', "k$'!9999"],
    );
    expect(line.split('\n')).toEqual([
      '# export SIPC_PASSWORD=<the password value>',
      '# export SIPC_TOKEN=<the bearer token>',
      '# export SIPC_X_API_KEY=<the X-Api-Key value>',
      `curl -sS -i -X POST "http://h/x?password=$SIPC_PASSWORD&a=1" -H "Authorization: Bearer $SIPC_TOKEN" -H "X-Api-Key: $SIPC_X_API_KEY" --data-raw '{"p":"'"$SIPC_PASSWORD"'"}'`,
    ]);
  });
});
