// The BAS-IP mocks' hosts ("ipv4|dns" in both seeds) and character sets, in the three zones of
// docs/undecided/basip-*.md.
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * The plainest host every reading accepts: a unicast IPv4 address without leading zeros (first
 * octet 1..223 but not 127, last 1..254), or a lowercase DNS name of 2-3 labels that start with a
 * letter, hold at most one inner hyphen and end in an alphabetic top-level label; at most 48 characters.
 */
export function isPlainHost(value: string): boolean {
  if (IPV4.test(value)) {
    const [first, , , last] = value.split('.').map(Number) as [number, number, number, number];
    return first >= 1 && first <= 223 && first !== 127 && last >= 1 && last <= 254;
  }
  const labels = value.split('.');
  return (
    value.length <= 48 &&
    labels.length >= 2 &&
    labels.length <= 3 &&
    labels.every((l) => /^[a-z][a-z0-9]*(?:-[a-z0-9]+)?$/.test(l)) &&
    /^[a-z]{2,}$/.test(labels[labels.length - 1]!)
  );
}

/** A middle reading: IPv4 or LDH DNS name (any case), optionally with a `sip:` prefix (any case) and a `:port` 1..65535. */
export function isHost(value: string): boolean {
  // Either reading of a leading "sip:" counts ("sip:5060" is also the host "sip" on port 5060).
  if (/^sip:/i.test(value) && isHostPort(value.slice(4))) return true;
  return isHostPort(value);
}

function isHostPort(value: string): boolean {
  let rest = value;
  const port = /:(\d{1,5})$/.exec(rest);
  if (port) {
    const n = Number(port[1]);
    if (n < 1 || n > 65535) return false;
    rest = rest.slice(0, port.index);
  }
  if (IPV4.test(rest)) return true;
  if (rest.length === 0 || rest.length > 253) return false;
  const labels = rest.split('.');
  // An all-numeric last label is a malformed IPv4 address, not a DNS name.
  return labels.every((l) => DNS_LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!);
}

const WIDE_LABEL = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?$/u;

/**
 * The widest reading: edge whitespace trimmed, `sip:`/`sips:` in any case, any `:digits` port,
 * IPv6 (bracketed or bare), and names of letters (any script), digits and underscores in any case,
 * numeric, single or long labels and a trailing dot. Still rejected: inner whitespace, other
 * punctuation, empty labels and hyphens at a label's edge.
 */
export function isWideHost(value: string): boolean {
  const rest = value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '').replace(/^sips?:/i, '');
  if (/^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(rest) || /^[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}$/.test(rest)) return true;
  const name = rest.replace(/:\d{1,5}$/, '').replace(/\.$/, '');
  return name.length > 0 && name.split('.').every((l) => WIDE_LABEL.test(l));
}

// The seed-004 regex ^[0-9a-zA-Z\s~`!@#$%^&;*()_-+={[}]|"<,>.?/]{1,31}?$ is garbled (unescaped `]`,
// the `_-+` range is reversed) and invalid in JS; three readings of the set its text lists:
/** Letters, digits and the specials every reading keeps. */
export const PLAIN_CHARSET = /^[0-9A-Za-z~!@#$%^&*()_\-+={},.?/]*$/;
/** The text's full list with ASCII whitespace (\s as Java, which the Android monitors run, reads it). */
export const SIP_CHARSET = /^[0-9A-Za-z \t\n\v\f\r~`!@#$%^&;*()_\-+={[}\]|"<,>.?/]*$/;
/** The text's full list with Unicode whitespace (\s as JS reads it). */
export const WIDE_CHARSET = /^[0-9A-Za-z\s~`!@#$%^&;*()_\-+={[}\]|"<,>.?/]*$/u;
