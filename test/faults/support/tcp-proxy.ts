import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP proxy a test puts between the app and a server it must not touch (the machine's PostgreSQL and
 * Redis are shared with every other test): `cut()` resets every open connection and refuses new ones,
 * which is what the app sees when the server restarts or the network drops; `restore()` lets traffic
 * through again. The real server never notices.
 */
export interface TcpProxy {
  readonly port: number;
  /** Connections reset by cuts so far (each cut resets all that were open). */
  readonly connectionsCut: number;
  /** Connections refused while cut. */
  readonly connectionsRefused: number;
  cut(): void;
  restore(): void;
  /** Cuts, waits `ms`, restores. */
  outage(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let down = false;
  let connectionsCut = 0;
  let connectionsRefused = 0;

  const server: Server = createServer((client) => {
    if (down) {
      connectionsRefused++;
      client.on("error", () => undefined);
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", drop);
    upstream.on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  const cut = () => {
    down = true;
    for (const socket of open) {
      connectionsCut++;
      // A reset, not a polite close: what a crashed server or a dropped network looks like.
      socket.resetAndDestroy();
    }
    open.clear();
  };

  return {
    port,
    get connectionsCut() {
      // Both ends of a connection are counted when cut; report connections, not sockets.
      return Math.ceil(connectionsCut / 2);
    },
    get connectionsRefused() {
      return connectionsRefused;
    },
    cut,
    restore() {
      down = false;
    },
    async outage(ms) {
      cut();
      await new Promise((resolve) => setTimeout(resolve, ms));
      down = false;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same URL with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const parsed = new URL(url);
  parsed.hostname = "127.0.0.1";
  parsed.port = String(proxy.port);
  return parsed.toString();
}
