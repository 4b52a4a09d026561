#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step in development).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
