#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm ci` alone leaves `npx parley` working.
import { register } from 'tsx/esm/api';

register();
await import('../channels/cli/parley-cli.ts');
