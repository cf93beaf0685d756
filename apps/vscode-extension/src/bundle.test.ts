/**
 * The extension bundle talks to regscan only through the typed client: hono/client and our own
 * modules go in, no server code (the API's app, routes, core, storage, scanner, zod-openapi, libSQL).
 */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { extensionBuild } from "../scripts/build.mjs";

describe("the extension bundle", () => {
  it("holds the client and the extension's modules, and no server code", async () => {
    const result = await build({ ...(extensionBuild as object), write: false, metafile: true, outfile: "bundle.js" });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs).toContain("../api/src/client.ts");
    expect(inputs.some((i) => i.includes("node_modules/hono/dist/client/"))).toBe(true);
    const server = inputs.filter((i) =>
      /apps\/api\/src\/(?!client\.ts)|\.\.\/api\/src\/(?!client\.ts)|packages\/(core|storage|scanner|crypto|scaleway-adapter)\/|@hono\/zod-openapi|@libsql|drizzle|\/zod\/|hono\/dist\/(hono|router|middleware)/.test(
        i,
      ),
    );
    expect(server).toEqual([]);
    const externals = result.metafile!.outputs["bundle.js"]!.imports.map((i) => i.path);
    expect(externals.filter((p) => !p.startsWith("node:") && p !== "vscode")).toEqual([]);
  }, 60_000);
});
