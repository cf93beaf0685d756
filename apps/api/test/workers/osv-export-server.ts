/**
 * Test support (Node): OSV's export bucket on 127.0.0.1 for one ecosystem, as the incremental
 * refresh reads it: `<ecosystem>/modified_id.csv` (newest first) and `<ecosystem>/<id>.json`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface OsvRecord {
  id: string;
  modified: string;
  [field: string]: unknown;
}

export async function startOsvExportServer(ecosystem: string, records: OsvRecord[]) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    requests.push(path);
    if (path === `/${ecosystem}/modified_id.csv`) {
      const rows = [...records]
        .sort((a, b) => (a.modified < b.modified ? 1 : -1))
        .map((r) => `${r.modified},${ecosystem}/${r.id}`);
      res.writeHead(200, { "content-type": "text/csv" }).end(`${rows.join("\n")}\n`);
      return;
    }
    const record = records.find((r) => path === `/${ecosystem}/${r.id}.json`);
    if (record) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(record));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
