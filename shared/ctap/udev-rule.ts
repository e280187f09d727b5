/**
 * The udev rule a Linux user needs so the person at the seat may open FIDO keys (no group grants);
 * build/70-faktor-fido.rules ships the full file. Shared so the keys screen can show it verbatim.
 */
export const UDEV_RULE =
  'KERNEL=="hidraw*", SUBSYSTEM=="hidraw", ENV{ID_FIDO_TOKEN}=="1", TAG+="uaccess"';
