/**
 * Deterministic ids: the same rule, slot and position always give the same GUID-shaped id (an RFC 4122 version 5
 * style name hash over SHA-1), so a replay reproduces alert and incident ids and tests can name them.
 */
import { createHash } from 'node:crypto';

export function deterministicGuid(...parts: readonly string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
