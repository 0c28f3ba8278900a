import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../src/background/worker';

// The wiring lives in src/background/worker.ts; this file only tells WXT what to start.
export default defineBackground({ type: 'module', main: startBackground });
