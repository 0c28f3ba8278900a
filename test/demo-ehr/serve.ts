/// <reference types="node" />
// CLI: `npm run demo-ehr` (or `tsx test/demo-ehr/serve.ts`). Port from DEMO_EHR_PORT, default 8765.
import { startDemoEhr } from './server';

const port = Number(process.env.DEMO_EHR_PORT ?? 8765);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`DEMO_EHR_PORT must be a port number, got "${process.env.DEMO_EHR_PORT}"`);
  process.exit(1);
}

const server = await startDemoEhr({ port, host: process.env.DEMO_EHR_HOST });
console.log(`Demo EHR (synthetic data) listening on ${server.url}/`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal} received, stopping demo EHR`);
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
