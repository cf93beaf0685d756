/**
 * Every binding the runtime sources import from an npm package, imported the same way by plain
 * `node` (its own ESM loader, as under tsx or an unbundled server), must be defined. vitest and
 * esbuild paper over CommonJS/UMD packages whose named exports Node cannot see (ae-cvss-calculator
 * was one: `undefined` under Node, fine under vitest), so this runs outside them.
 */

import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const PACKAGE = join(import.meta.dirname, "..");

function runtimeSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ["test-support", "testing"].includes(entry.name) ? [] : runtimeSources(path);
    return /\.ts$/.test(entry.name) && !/\.test(-support)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

interface Binding {
  specifier: string;
  /** "*" for a namespace import, "default", or the imported name. */
  name: string;
  file: string;
}

/** Value imports of npm packages (not `import type`, not node:, not our workspace packages). */
function npmBindings(): Binding[] {
  const out: Binding[] = [];
  for (const file of runtimeSources(join(PACKAGE, "src"))) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !statement.importClause || statement.importClause.isTypeOnly) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (/^(\.|node:|@regscan\/)/.test(specifier)) continue;
      const clause = statement.importClause;
      const at = relative(PACKAGE, file);
      if (clause.name) out.push({ specifier, name: "default", file: at });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) out.push({ specifier, name: "*", file: at });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          if (!element.isTypeOnly) out.push({ specifier, name: (element.propertyName ?? element.name).text, file: at });
        }
      }
    }
  }
  return out;
}

describe("npm packages under Node's own ESM loader", () => {
  it("define every binding the runtime sources import from them", async () => {
    const bindings = npmBindings();
    expect(bindings.map((b) => b.specifier)).toEqual(expect.arrayContaining(["commander", "ae-cvss-calculator"]));
    const lines = bindings.map((b, i) => {
      const local = `b${i}`;
      const clause = b.name === "*" ? `* as ${local}` : b.name === "default" ? local : `{ ${b.name} as ${local} }`;
      return `import ${clause} from ${JSON.stringify(b.specifier)};`;
    });
    const check = `console.log(JSON.stringify([${bindings.map((_, i) => `typeof b${i}`).join(", ")}]));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--input-type=module", "--eval", `${lines.join("\n")}\n${check}`],
      { cwd: PACKAGE },
    );
    const types = JSON.parse(stdout) as string[];
    const undefinedOnes = bindings.filter((_, i) => types[i] === "undefined");
    expect(undefinedOnes).toEqual([]);
  }, 60_000);
});
