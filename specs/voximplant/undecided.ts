// The points seeds 001/002, the vendor error list and the vendor's clients leave open
// (docs/undecided/voximplant.md is the same table in prose). Their probes are sent once per run and
// what the server chose is reported; they never make a failure or a warning.
import type { Case, Json, Probe, UndecidedPoint } from '../../src/index.ts';
import { NODE_CLIENT, SEED_001, SEED_002, VENDOR } from './openapi.ts';

const ERRORS = 'reference-specs/voximplant-api-error-codes.json';
const GET = 'GetSipRegistrations';
const CREATE = 'CreateSipRegistration';

const at = (operation: string, path: string, values: Json[]): Probe[] => values.map((value) => ({ operation, path, value }));
/** A probe with its whole input given; placeholders ("1") are bound by the session like generated cases. */
const input = (operation: string, note: string, value: Record<string, string>): Probe => ({ operation, note, edit: (c: Case) => ({ ...c, input: value }) });

/** `count 3 with 1 item`: a count above the items returned reads `count` as the total. */
function countAgainstItems(body: unknown): string | undefined {
  const reply = body as { result?: unknown; count?: unknown } | undefined;
  return Array.isArray(reply?.result) ? `count ${JSON.stringify(reply.count)} with ${reply.result.length} item(s)` : undefined;
}

export const undecided: UndecidedPoint[] = [
  {
    id: 'get-count-meaning',
    title: 'what `count` in a GetSipRegistrations reply counts',
    readings: ['the registrations matching the filters, before paging', 'the items in this reply (page size)'],
    source: `${SEED_002}: Returns (no fields listed); ${NODE_CLIENT}: GetSipRegistrationsResponse.count "Count rows"`,
    probes: at(GET, '/count', ['1']).map((p) => ({ ...p, observe: countAgainstItems })),
  },
  {
    id: 'status-code-forms',
    title: 'status_code values outside "code1;code2:code3" with SIP codes 100-699',
    readings: ['refused as invalid (an error object)', 'accepted: codes outside 100-699 match nothing, ranges in either order, `Nxx` or `-` ranges, empty items skipped'],
    source: `${SEED_002}: status_code "The list of SIP response codes ... code1:code2 means a range ... code1;code2 means either" (nothing on other forms)`,
    probes: at(GET, '/status_code', ['99', '1000', '300:200', '2xx', '200-299', '200;', '']),
  },
  {
    id: 'list-forms',
    title: 'intlist/stringlist with empty items, commas or spaces',
    readings: ['refused as invalid', 'accepted: empty items skipped, commas read as separators, spaces trimmed'],
    source: `${SEED_002}: "list separated by semicolons (;)"`,
    probes: [...at(GET, '/application_name', [';', 'a;;b']), ...at(GET, '/application_id', ['1;;2', '1;', '1,2', ' 1'])],
  },
  {
    id: 'bool-forms',
    title: 'booleans other than lower-case true/false',
    readings: ['refused as invalid', 'accepted in any case, or as 1/0, yes/no, with spaces'],
    source: `${SEED_001}/${SEED_002}: type boolean; ${VENDOR}: "Booleans true/false"`,
    probes: at(GET, '/is_persistent', ['TRUE', 'True', '1', ' true']),
  },
  {
    id: 'number-forms',
    title: 'ids, count and offset as numbers in other forms',
    readings: ['refused as invalid', 'parsed as numbers (leading zeros, a sign, a fraction, spaces)'],
    source: `${SEED_001}: application_id integer; ${SEED_002}: the same parameters typed number`,
    probes: [...at(GET, '/count', ['007', '+5', '1.5', ' 5']), ...at(GET, '/sip_registration_id', ['-1'])],
  },
  {
    id: 'empty-values',
    title: 'an optional parameter sent empty (`count=`)',
    readings: ['the same as absent', 'refused as invalid'],
    source: `${SEED_001}/${SEED_002}: parameters "Optional" (nothing on empty values)`,
    probes: [...at(GET, '/count', ['']), ...at(GET, '/sip_username', [''])],
  },
  {
    id: 'proxy-forms',
    title: 'proxy and outbound_proxy beyond a plain host name or IPv4 address',
    readings: ['accepted as a SIP URI or hostport (sip: prefix in any case, port, ;transport=, [IPv6], single label, trailing dot, upper case)', 'refused as invalid (274 for proxy)'],
    source: `${SEED_001}: proxy "The SIP proxy", outbound_proxy "The outgoing SIP proxy" (no syntax); ${ERRORS} 274 INVALID_PROXY; ${NODE_CLIENT}: examples proxy "localhost", outboundProxy "12"`,
    probes: [
      ...at(CREATE, '/proxy', ['sip:sip.example.com', 'SIP:sip.example.com', 'sip.example.com:5060', 'sip.example.com;transport=tcp', '[2001:db8::1]:5061', 'localhost', 'SIP.EXAMPLE.COM', 'sip.example.com.', '192.168.001.010', '12', ' sip.example.com']),
      ...at(CREATE, '/outbound_proxy', ['12', 'sip:outbound.example.com:5060']),
    ],
  },
  {
    id: 'username-forms',
    title: 'sip_username beyond plain letters, digits, dot, dash and underscore',
    readings: ['accepted (RFC 3261 user part, an E.164 number, user@domain, non-ASCII, long names, surrounding spaces trimmed)', 'refused as invalid (273)'],
    source: `${SEED_001}: sip_username "The user name" (no syntax); ${ERRORS} 273 INVALID_USERNAME; ${NODE_CLIENT}: examples "test", "HedyLamarr"`,
    probes: at(CREATE, '/sip_username', ['+15551234567', 'alice@example.com', 'élodie', 'a'.repeat(64), ' alice', '_alice']),
  },
  {
    id: 'auth-field-checks',
    title: 'whether auth_user, outbound_proxy and password are checked at all',
    readings: ['stored as given (the error list has no code of their own)', 'refused as invalid (496)'],
    source: `${SEED_001}: auth_user, outbound_proxy, password are strings with no syntax; ${ERRORS}: no INVALID_AUTH_USER or password code`,
    probes: [...at(CREATE, '/auth_user', ['two words']), ...at(CREATE, '/outbound_proxy', ['not a host']), ...at(CREATE, '/password', ['x'.repeat(200), 'pass word'])],
  },
  {
    id: 'persistent-with-user',
    title: 'is_persistent together with a user',
    readings: [`${SEED_001}: non-persistent registrations are the ones bound to a user (false with a user is the point)`, `${SEED_002}: "You should set is_persistent=true if you specify the user_id or user_name" (false with a user refused)`],
    source: `${SEED_001} vs ${SEED_002}`,
    probes: ['false', 'true'].map((v) => input(CREATE, `is_persistent=${v} with application_id and user_id`, { sip_username: 'sipc-probe', proxy: 'sipc-probe.example.net', is_persistent: v, application_id: '1', user_id: '1' })),
  },
  {
    id: 'bind-without-target',
    title: 'BindSipRegistration bind=true with a registration and no application',
    readings: ['refused: nothing to bind to (485)', 'accepted as a no-op'],
    source: `${SEED_002}: BindSipRegistration (application optional; nothing said of this combination)`,
    probes: [input('BindSipRegistration', 'bind=true with only sip_registration_id', { sip_registration_id: '1', bind: 'true' })],
  },
  {
    id: 'false-filters',
    title: 'deactivated=false and successful=false',
    readings: ['a filter: only registrations that are not frozen / not successful', 'no filter ("show the frozen ... only" when true)'],
    source: `${SEED_002}: deactivated "Whether to show the frozen SIP registrations only", successful likewise`,
    probes: at(GET, '/deactivated', ['false']),
  },
  {
    id: 'page-size',
    title: 'a GetSipRegistrations count above 20, or 0',
    readings: ['the page it asks for', 'capped or clamped to a maximum of the server\'s', 'refused as invalid', '0: everything, nothing, or refused'],
    source: `${SEED_002}: count "The max returning record count" (no maximum, no meaning of 0)`,
    probes: at(GET, '/count', ['21', '1000', '100000', '0']).map((p) => ({ ...p, observe: countAgainstItems })),
  },
  {
    id: 'read-pairs',
    title: 'both members of an id/name pair as GetSipRegistrations filters',
    readings: ['refused (458, as on a write)', 'both filters applied'],
    source: `${SEED_002}: GetSipRegistrations application_id "Can be used instead of application_name" (likewise rule and user; nothing said of both together on a read)`,
    probes: [input(GET, 'application_id and application_name together', { application_id: '1', application_name: 'sipc-name' })],
  },
  {
    id: 'default-count',
    title: 'how many registrations GetSipRegistrations returns without count',
    readings: ['a default page (e.g. 20)', 'all of them'],
    source: `${SEED_002}: count "The max returning record count" (no default given)`,
    probes: [],
  },
  {
    id: 'check-order',
    title: 'which error answers a call that breaks several rules',
    readings: ['any of the broken rules\' codes (the expectations list all of them)'],
    source: `${ERRORS}: codes per fault, no order between them`,
    probes: [input(CREATE, 'no sip_username and a proxy with a space', { proxy: 'not a host' })],
  },
];
