// A JSON-RPC connection to out/browser/server.js running in a real Web Worker of headless Chromium
// (playwright-core): the page is served from a loopback HTTP server, the worker's messages are
// bridged to Node through an exposed binding, Node's are posted to the worker. The tests then talk
// LSP to it with the same typed client as the protocol tests talk to out/server.js.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AbstractMessageReader, AbstractMessageWriter, createProtocolConnection, type DataCallback, type Disposable, type Message, type ProtocolConnection } from 'vscode-languageserver-protocol/node';

export const BROWSER_SERVER_JS = resolve(__dirname, '../../out/browser/server.js');

export interface WorkerSession {
  readonly connection: ProtocolConnection;
  /** What the worker reported as uncaught (load failures, exceptions outside handlers). */
  readonly workerErrors: string[];
  dispose(): Promise<void>;
}

class PageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  private readonly early: Message[] = [];
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const m of this.early.splice(0)) callback(m);
    return { dispose: () => (this.callback = undefined) };
  }
  receive(message: Message): void {
    if (this.callback) this.callback(message);
    else this.early.push(message);
  }
}

class PageWriter extends AbstractMessageWriter {
  constructor(private readonly page: Page) {
    super();
  }
  async write(message: Message): Promise<void> {
    await this.page.evaluate((m) => (globalThis as unknown as { server: Worker }).server.postMessage(m), message as unknown as Record<string, unknown>);
  }
  end(): void {}
}

function chromiumPath(): string {
  const path = process.env['CHROMIUM'] ?? execSync('command -v chromium || true').toString().trim();
  if (!path) throw new Error('Chromium is missing: apt-get install -y chromium (or set CHROMIUM)');
  return path;
}

/** Serves the page and the bundle; nothing else is reachable from the page. */
async function serve(): Promise<{ server: Server; origin: string }> {
  if (!existsSync(BROWSER_SERVER_JS)) throw new Error(`${BROWSER_SERVER_JS} is missing: run \`npm run build\` first`);
  const script = readFileSync(BROWSER_SERVER_JS);
  const server = createServer((req, res) => {
    if (req.url === '/server.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>web worker</title>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function startWorkerSession(): Promise<WorkerSession> {
  const { server, origin } = await serve();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const page = await browser.newPage();
    const reader = new PageReader();
    const workerErrors: string[] = [];
    await page.exposeBinding('toNode', (_source, message: Message | { workerError: string }) => {
      if ('workerError' in message) workerErrors.push(message.workerError);
      else reader.receive(message);
    });
    await page.goto(`${origin}/`);
    await page.evaluate(() => {
      const g = globalThis as unknown as { server: Worker; toNode(m: unknown): void };
      g.server = new Worker('/server.js');
      g.server.onmessage = (e: MessageEvent) => g.toNode(e.data);
      g.server.onerror = (e: ErrorEvent) => g.toNode({ workerError: e.message });
    });
    const connection = createProtocolConnection(reader, new PageWriter(page));
    const opened = browser;
    return {
      connection,
      workerErrors,
      async dispose() {
        connection.dispose();
        await opened.close();
        server.close();
      },
    };
  } catch (e) {
    await browser?.close();
    server.close();
    throw e;
  }
}
