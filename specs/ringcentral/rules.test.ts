// The cross-field rules' own contract: `conform` brings a schema-valid case within its rule by dropping only.
import { describe, expect, it } from 'vitest';
import { blankCase, type Json } from '../../src/index.ts';
import { mixedTransports } from './rules.ts';

const withItems = (sipInfo: Json[]) => blankCase('RC-VALID-ACCEPTED', 'sipProvision', 'test', { device: { id: '123' }, sipInfo });

describe('mixedTransports.conform', () => {
  it('keeps the first item naming a transport and drops the others: the list is then decided and within the rule', () => {
    const conformed = mixedTransports.conform!(withItems([{}, { transport: 'TCP', certificate: 'x' }, { transport: 'WSS' }]), []);
    expect(conformed.input).toEqual({ device: { id: '123' }, sipInfo: [{ transport: 'TCP', certificate: 'x' }] });
    expect(mixedTransports.violatedBy(conformed)).toBe(false);
    expect(mixedTransports.undecidedBy!(conformed)).toBe(false);
  });

  it('leaves a list of one item as it is, and keeps the first when none names a transport', () => {
    const one = withItems([{ transport: 'WSS' }]);
    expect(mixedTransports.conform!(one, [])).toBe(one);
    expect(mixedTransports.conform!(withItems([{}, { certificate: 'x' }]), []).input).toEqual({ device: { id: '123' }, sipInfo: [{}] });
  });
});
