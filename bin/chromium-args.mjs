// The Chromium flags ozg-form runs its browser with: `ozg-form-audit` (shipped with the package) and the
// project's own tests (test/browser-launch.mjs). Containers without a sandbox, no GPU, no background
// traffic (the machine may have no network but the test servers on loopback).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
