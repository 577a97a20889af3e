// Android's wire requirements: what seed 004 says a device does with its SIP settings.
import type { WireOptions } from '../basip-common/wire.ts';
import { line } from './openapi.ts';
import { P } from './catalogue.ts';

export const wire: WireOptions = {
  prefix: P,
  // enable: the device registers only when SIP is on (line 5); user_id as the user, so either reading of it names the same digest user.
  extra: (user) => ({ enable: true, timeout: 120, user_id: user }),
  sources: {
    proxy: `${line(5, '- enable boolean required Determines whether the SIP is enabled')}; ${line(7, '- proxy ipv4|dns required SIP proxy')}; ${line(9, '- realm ipv4|dns required SIP realm address')}`,
    user: line('11-16', '- user string required ... SIP account user name'),
    password: line('17-22', '- password string required ... SIP account user password'),
    transport: line('23-28', '- transport string Possible values: [udp, tcp, tls] Secure SIP Protocol'),
    interval: line('45-49', '- registration_interval integer Possible values: >= 30 and <= 900 SIP server registration interval in seconds'),
  },
};
