// CamDroid's wire requirements: what seed 003 says a device does with its SIP settings.
import type { WireOptions } from '../basip-common/wire.ts';
import { line } from './openapi.ts';
import { P } from './catalogue.ts';

export const wire: WireOptions = {
  prefix: P,
  extra: () => ({ h264: 102 }),
  sources: {
    proxy: `${line(5, '- proxy ipv4|dns required SIP proxy address')}; ${line(6, '- realm ipv4|dns required SIP server address')}`,
    user: line(7, '- user string required ... User number'),
    password: line(8, '- password ... Password used for authentication on SIP server'),
    transport: line(12, '- transport string Possible values: [udp, tcp, tls] Which protocol should be used'),
    interval: line(10, 'registration_interval ... For what period of time device stays registered on SIP server, re-registration happens 6 seconds before expiration time'),
  },
};
