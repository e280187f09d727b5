#!/usr/bin/env node
// The `faktor` bin: loads the TypeScript CLI through tsx (a runtime dependency), same code as `npm run cli`.
import { register } from 'tsx/esm/api';

register();
await import('./faktor.ts');
