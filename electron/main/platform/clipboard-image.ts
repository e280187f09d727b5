import { clipboard } from 'electron';

/**
 * Thin adapter: the clipboard's image as encoded bytes (PNG as Electron 45's async clipboard hands it
 * out), or null when the clipboard holds no image. The decoder validates and decodes it.
 */
export async function readClipboardImage(): Promise<Uint8Array | null> {
  const items = await clipboard.read();
  for (const item of items) {
    const type = item.types.find((t) => t === 'image/png' || t === 'image/jpeg');
    if (!type) continue;
    const blob = await item.getType(type);
    if (blob instanceof Blob) return new Uint8Array(await blob.arrayBuffer());
  }
  return null;
}
