import { damaged } from '../../../../shared/import/entry';

/** Parses decrypted bytes as JSON and wipes them either way; not JSON → 'import-damaged'. */
export function takeJson(plain: Buffer): unknown {
  try {
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw damaged('decrypted content is not JSON');
  } finally {
    plain.fill(0);
  }
}
