#!/usr/bin/env bash
# Runs a command inside a throwaway D-Bus session with a fresh, unlocked gnome-keyring, so tests
# exercise a real Secret Service and never touch the developer's own keychain.
# Set FAKTOR_TEST_KEYRING=inherit to use the current session instead (e.g. macOS/Windows hosts).
set -euo pipefail
if [ "${FAKTOR_TEST_KEYRING:-}" = "inherit" ] || [ -n "${FAKTOR_IN_TEST_KEYRING:-}" ]; then
  exec "$@"
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "missing $tool: see README (apt-get line)" >&2; exit 1; }
done
export FAKTOR_IN_TEST_KEYRING=1
exec dbus-run-session -- bash -c '
  set -euo pipefail
  export XDG_DATA_HOME="$(mktemp -d)"
  eval "$(printf faktor-test | gnome-keyring-daemon --replace --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  "$@"' bash "$@"
