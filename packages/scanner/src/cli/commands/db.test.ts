import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../run-cli.js";
import { recordingIo } from "./cli-test-io.test-support.js";

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/osv");
const fixture = (id: string) => readFileSync(join(FIXTURES, `${id}.json`));

describe("regscan db", () => {
  let tmp: string;
  let server: Server;
  let osvUrl: string;
  const env = () => ({ REGSCAN_CACHE_DIR: join(tmp, "cache"), REGSCAN_OSV_URL: osvUrl });
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "regscan-db-"));
    const zip = zipSync({
      "PYSEC-2023-74.json": fixture("PYSEC-2023-74"),
      "GHSA-j8r2-6x86-q33q.json": fixture("GHSA-j8r2-6x86-q33q"),
    });
    server = createServer((req, res) => {
      if (req.url === "/PyPI/all.zip")
        return void res.writeHead(200, { "content-length": String(zip.length) }).end(zip);
      if (req.url === "/PyPI/modified_id.csv")
        return void res.writeHead(200).end("2023-11-08T04:12:18Z,GHSA-j8r2-6x86-q33q\n");
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    osvUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(tmp, { recursive: true, force: true });
  });

  it("imports a folder of OSV JSON files (reporting bad ones) and a zip, then shows the status", async () => {
    const io = recordingIo(env());
    expect(await runCli(["db", "import", FIXTURES], io)).toBe(0);
    expect(io.out()).toBe(`${FIXTURES}: 9 records, 1 withdrawn, 2 invalid\n`);
    expect(io.err()).toMatch(/skipped .*corrupt\/not-a-record\.json: not an OSV record/);

    const zipPath = join(tmp, "npm.zip");
    writeFileSync(zipPath, zipSync({ "GHSA-r9p9-mrjm-926w.json": fixture("GHSA-r9p9-mrjm-926w") }));
    const io2 = recordingIo(env());
    expect(await runCli(["db", "import", "--ecosystem", "npm", zipPath], io2)).toBe(0);
    expect(io2.out()).toBe(`${zipPath}: 1 records\n`);

    const status = recordingIo(env());
    expect(await runCli(["db", "status", "--json"], status)).toBe(0);
    expect(
      JSON.parse(status.out()).map((s: { ecosystem: string; records: number }) => [s.ecosystem, s.records]),
    ).toEqual([
      ["Alpine", 1],
      ["Debian", 4],
      ["npm", 1],
      ["PyPI", 2],
      ["Ubuntu", 1],
    ]);
    const table = recordingIo(env());
    expect(await runCli(["db", "status"], table)).toBe(0);
    expect(table.out().split("\n")[0]).toMatch(/^ECOSYSTEM\s+RECORDS\s+LAST MODIFIED\s+IMPORTED AT$/);
  });

  it("updates from the OSV bucket: a full download, then an incremental refresh", async () => {
    const dbUrl = `file:${join(tmp, "update.db")}`;
    const first = recordingIo(env());
    expect(await runCli(["db", "update", "--ecosystem", "PyPI", "--db", dbUrl], first)).toBe(0);
    expect(first.out()).toBe("PyPI: 2 records (full)\n");
    expect(first.err()).toBe("");
    const second = recordingIo(env());
    expect(await runCli(["db", "update", "--db", dbUrl], second)).toBe(0);
    expect(second.out()).toBe("PyPI: 0 records (incremental)\n");
  });

  it("draws a progress bar on a terminal", async () => {
    const io = recordingIo(env(), true);
    expect(await runCli(["db", "update", "-e", "PyPI", "--db", `file:${join(tmp, "tty.db")}`], io)).toBe(0);
    expect(io.err()).toMatch(/PyPI {2}█+ {2}.*B \/ .*B/);
  });

  it.each([
    {
      name: "a path that is neither zip nor folder",
      args: ["db", "import", "/nonexistent/x.json"],
      code: 2,
      err: /not a \.zip file or a folder/,
    },
    {
      name: "an unknown option of a subcommand",
      args: ["db", "update", "--bogus"],
      code: 2,
      err: /unknown option '--bogus'/,
    },
    {
      name: "an unreachable bucket",
      args: ["db", "update", "-e", "npm"],
      code: 3,
      err: /\[upstream_unavailable\]/,
      env: { REGSCAN_OSV_URL: "http://127.0.0.1:1" },
    },
  ])("fails on $name", async ({ args, code, err, env: extra }) => {
    const io = recordingIo({ ...env(), ...extra });
    expect(await runCli([...args, "--db", `file:${join(tmp, "errors.db")}`], io)).toBe(code);
    expect(io.err()).toMatch(err);
  });
});
