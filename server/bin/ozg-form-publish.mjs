#!/usr/bin/env node
// ozg-form-publish: checks definitions and publishes them at the gateway (see server/publish-cli.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../publish-cli.ts');
process.exitCode = main(process.argv.slice(2));
