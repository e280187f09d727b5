; Faktor's additions to electron-builder's NSIS installer (electron-builder.yml: nsis.include).
; Registers the faktor:// URL scheme for the installing user (per-user install: SHCTX = HKCU), so a
; "confirm in Faktor on this computer" link opens the app with the URL as its argument. electron-builder
; writes CFBundleURLTypes (macOS) and the .desktop MimeType (Linux) from `protocols` itself, but not
; these keys. Removed again on uninstall. Keep the scheme in sync with `protocols` in electron-builder.yml
; (test/electron/main/security/packaging-config.test.ts checks it).

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\faktor" "" "URL:Faktor approval link"
  WriteRegStr SHCTX "Software\Classes\faktor" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\faktor\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHCTX "Software\Classes\faktor\shell\open\command" "" '"$appExe" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\faktor"
!macroend
