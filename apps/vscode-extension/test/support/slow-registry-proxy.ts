/**
 * An HTTP proxy in front of the local docker-registry that passes everything through, but serves
 * the blobs of repository `regscan/app` slowly (~2 MB/s), like a far-away registry: a scan of
 * `app:latest` then runs long enough to be cancelled from the progress notification, every time.
 */
import { createServer, request, type Server } from "node:http";
import { Transform } from "node:stream";

export interface SlowProxy {
  /** `127.0.0.1:PORT` */
  host: string;
  close(): Promise<void>;
}

const SLOW = /^\/v2\/regscan\/app\/blobs\//;
const CHUNK_DELAY_MS = 30;
const CHUNK_BYTES = 64 * 1024;

export async function startSlowRegistryProxy(target: string): Promise<SlowProxy> {
  const [hostname, port] = target.split(":") as [string, string];
  const server: Server = createServer((req, res) => {
    const upstream = request(
      { hostname, port: Number(port), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (!SLOW.test(req.url ?? "")) return void answer.pipe(res);
        answer.pipe(throttle()).pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  return {
    host: `127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function throttle(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const parts: Buffer[] = [];
      for (let i = 0; i < chunk.length; i += CHUNK_BYTES) parts.push(chunk.subarray(i, i + CHUNK_BYTES));
      const next = () => {
        const part = parts.shift();
        if (!part) return done();
        this.push(part);
        setTimeout(next, CHUNK_DELAY_MS);
      };
      next();
    },
  });
}
