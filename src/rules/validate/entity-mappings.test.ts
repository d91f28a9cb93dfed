import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityMappings } from './entity-mappings.js';
import { runCheck } from './fixture.js';

test('entity-mappings: known types with a required identifier pass', () => {
  assert.deepEqual(runCheck(entityMappings), []);
});

test('entity-mappings: unknown type, wrong identifier, 4 identifiers and 11 mappings are errors', () => {
  const account = { entityType: 'Account', fieldMappings: ['Name', 'UPNSuffix', 'NTDomain', 'Sid'].map((identifier) => ({ identifier, columnName: 'UserPrincipalName' })) };
  const ip = { entityType: 'IP', fieldMappings: [{ identifier: 'IpAddress', columnName: 'IPAddress' }] };
  const mappings = [account, ip, { entityType: 'Ip', fieldMappings: [{ identifier: 'Address', columnName: 'IPAddress' }] }];
  while (mappings.length < 11) mappings.push({ entityType: 'URL', fieldMappings: [{ identifier: 'Url', columnName: 'Url' }] });
  const messages = runCheck(entityMappings, { entityMappings: mappings }).map((i) => i.message);
  assert.ok(messages.some((m) => /11 entity mappings; Sentinel allows at most 10/.test(m)));
  assert.ok(messages.some((m) => /has 4 identifiers; at most 3/.test(m)));
  assert.ok(messages.some((m) => /'IpAddress' is not an identifier of IP/.test(m)));
  assert.ok(messages.some((m) => /needs one of these identifiers: Address/.test(m)));
  assert.ok(messages.some((m) => /entity type 'Ip' is not a Sentinel entity type \(did you mean IP\?\)/.test(m)));
});
