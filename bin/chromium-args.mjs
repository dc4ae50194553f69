// The Chromium flags ozg-form runs its browser with: `ozg-form-audit` (shipped with the package) and the
// project's own tests (test/browser-launch.mjs). No GPU, no background traffic (the machine may have no
// network but the test servers on loopback).
//
// The sandbox stays on: the audit opens whatever page it is given. It is left out only as root, where
// Chromium refuses to start with it (CI containers), or when OZG_CHROMIUM_NO_SANDBOX=1 asks for it (a
// container without user namespaces, where Chromium cannot build its sandbox).
export function chromiumArgs(uid = process.getuid?.(), env = process.env) {
  const noSandbox = uid === 0 || env.OZG_CHROMIUM_NO_SANDBOX === '1';
  return [
    ...(noSandbox ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}

export const CHROMIUM_ARGS = chromiumArgs();
