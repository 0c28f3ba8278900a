import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BenchServer {
  /** `http://127.0.0.1:<port>`: an origin the content script's match patterns cover. */
  origin: string;
  close: () => Promise<void>;
}

/**
 * Serves fixed HTML documents by path on 127.0.0.1 and a random free port. Pages are rendered
 * once, before the server starts, so serving costs the same for every run.
 */
export async function serveBenchPages(pages: Record<string, string>): Promise<BenchServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const body = pages[path];
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
