import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  secretstreamPullFirst,
  TAG_FINAL,
} from '../../../../../electron/main/services/import/secretstream';

/**
 * Our secretstream pull against libsodium itself (PyNaCl under Debian's python3): messages of every
 * length around the 16- and 64-byte boundaries where libsodium's MAC padding rule matters, both tags,
 * and a flipped bit anywhere → null.
 */

const LENGTHS = [0, 1, 15, 16, 17, 31, 47, 48, 49, 63, 64, 65, 127, 128, 1000];
const SCRIPT = `
import json, os, sys, nacl.bindings as s
out = []
for n in json.load(sys.stdin):
    for tag in (s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE, s.crypto_secretstream_xchacha20poly1305_TAG_FINAL):
        key = os.urandom(32)
        st = s.crypto_secretstream_xchacha20poly1305_state()
        header = s.crypto_secretstream_xchacha20poly1305_init_push(st, key)
        msg = bytes((i * 7 + n) % 256 for i in range(n))
        c = s.crypto_secretstream_xchacha20poly1305_push(st, msg, None, tag)
        out.append({'key': key.hex(), 'header': header.hex(), 'c': c.hex(), 'm': msg.hex(), 'tag': tag})
print(json.dumps(out))
`;

describe('secretstream pull (one message) vs libsodium', () => {
  it('decrypts what libsodium pushed, for every length and tag; any flipped bit fails', () => {
    const vectors = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', SCRIPT], {
        input: JSON.stringify(LENGTHS),
        encoding: 'utf8',
      }),
    ) as Array<{ key: string; header: string; c: string; m: string; tag: number }>;
    expect(vectors).toHaveLength(LENGTHS.length * 2);
    expect(vectors.some((v) => v.tag === TAG_FINAL)).toBe(true);
    for (const v of vectors) {
      const key = Buffer.from(v.key, 'hex');
      const header = Buffer.from(v.header, 'hex');
      const c = Buffer.from(v.c, 'hex');
      const out = secretstreamPullFirst(key, header, c);
      expect(out && Buffer.from(out.message).toString('hex')).toBe(v.m);
      expect(out?.tag).toBe(v.tag);
      for (const at of [0, 1, c.length - 17, c.length - 1]) {
        if (at < 0 || at >= c.length) continue;
        const bad = Buffer.from(c);
        bad[at]! ^= 0x01;
        expect(secretstreamPullFirst(key, header, bad)).toBeNull();
      }
      const otherHeader = Buffer.from(header);
      otherHeader[23]! ^= 0x80;
      expect(secretstreamPullFirst(key, otherHeader, c)).toBeNull();
    }
  });
});
