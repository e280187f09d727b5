/**
 * Packaged, the app's files live in `resources/app.asar`, a virtual archive that Electron's patched `fs`
 * reads in the main thread. A worker_threads Worker (its own loader) and dlopen cannot load from inside
 * it, so what they need is listed in electron-builder.yml's `asarUnpack` and sits, same relative path,
 * in `resources/app.asar.unpacked`.
 */

/**
 * The same file in `app.asar.unpacked` when `pathOrHref` (a path with / or \, or a file: URL) points
 * inside an `app.asar` archive; anything else (sources, an unpacked path already) comes back unchanged.
 */
export function toAsarUnpacked(pathOrHref: string): string {
  return pathOrHref.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
