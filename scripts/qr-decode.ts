/**
 * `npm run qr:decode -- FILE...` — prints one JSON line per file with every QR payload found and its
 * position, using the same worker-based decoder as the app (for testers and scripts).
 * Exit code 0 when every file was readable (finding no code is not an error), 1 otherwise.
 */
import { readFile } from 'node:fs/promises';
import { isFaktorError } from '../shared/errors';
import { createQrDecoder } from '../electron/main/services/qr-decoder';

const files = process.argv.slice(2).filter((a) => a !== '--');
if (files.length === 0) {
  console.error('usage: npm run qr:decode -- FILE.png|FILE.jpg ...');
  process.exit(2);
}

const decoder = createQrDecoder();
let failed = false;
for (const file of files) {
  try {
    const bytes = new Uint8Array(await readFile(file));
    const hits = await decoder.decodeImage(bytes);
    console.log(
      JSON.stringify({ file, results: hits.map(({ text, position }) => ({ text, position })) }),
    );
  } catch (e) {
    failed = true;
    const error = isFaktorError(e)
      ? e.code
      : (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'not-found'
        : 'image-unreadable';
    console.log(JSON.stringify({ file, error }));
  }
}
await decoder.close();
process.exitCode = failed ? 1 : 0;
