import { pbkdf2 as pbkdf2Cb } from 'node:crypto';

/** PBKDF2 off the main thread (libuv pool): 2FAS and andOTP derive their AES key with it. */
export function pbkdf2(
  password: string,
  salt: Uint8Array,
  iterations: number,
  digest: 'sha1' | 'sha256',
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2Cb(Buffer.from(password, 'utf8'), salt, iterations, 32, digest, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}
