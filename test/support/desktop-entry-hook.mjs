// electron-builder afterPack hook, used only by packaging-dry-run.test.ts: writes the Linux .desktop
// entry that electron-builder's own LinuxTargetHelper computes from the real config (what the AppImage
// and deb targets would install) to $FAKTOR_DESKTOP_ENTRY_OUT. Those targets need tools downloaded from
// GitHub, which the build machines cannot reach; the --dir target they wrap runs here.
import { writeFileSync } from 'node:fs';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';

/** Writes the computed .desktop entry (the hook's only job). */
export default async function writeDesktopEntry(context) {
  const out = process.env.FAKTOR_DESKTOP_ENTRY_OUT;
  if (!out || context.electronPlatformName !== 'linux') return;
  const helper = new LinuxTargetHelper(context.packager);
  writeFileSync(
    out,
    await helper.computeDesktopEntry(context.packager.platformSpecificBuildOptions),
  );
}
