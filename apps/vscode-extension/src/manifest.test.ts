/** The extension manifest (package.json) against the rules. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const commandsSource = ["src/vscode/commands.ts", "src/vscode/scan-commands.ts"]
  .map((f) => readFileSync(new URL(f, root), "utf8"))
  .join("\n");
const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);

describe("the extension manifest", () => {
  it("activates only on its views, Dockerfiles and its commands (implicit), never on start-up", () => {
    expect(manifest.activationEvents).toEqual([
      "onView:regscan.registries",
      "onView:regscan.scans",
      "onLanguage:dockerfile",
    ]);
  });

  it("does not ask for a newer VS Code than the tested host (1.100), and types match it", () => {
    expect(manifest.engines.vscode).toBe("^1.100.0");
    expect(manifest.devDependencies["@types/vscode"]).toBe("1.100.0");
  });

  it("names every command regscan.<area>.<verb>, with a palette title, and registers each one", () => {
    expect(contributed.length).toBeGreaterThan(15);
    for (const id of contributed) {
      expect(id).toMatch(/^regscan\.[a-z]+\.[a-zA-Z]+$/);
      expect(commandsSource, id).toContain(`"${id}":`);
    }
    for (const [id] of commandsSource.matchAll(/"(regscan\.[a-z]+\.[a-zA-Z]+)": /g)) {
      expect(contributed, `${id} is registered but not contributed`).toContain(id.slice(1, -3));
    }
    // Nothing hidden from the palette: each command works without a tree item.
    expect(manifest.contributes.menus.commandPalette.every((m: { when: string }) => m.when !== "false")).toBe(true);
  });

  it("has the settings of the issue, and the token is not one of them", () => {
    expect(Object.keys(manifest.contributes.configuration.properties).sort()).toEqual([
      "regscan.apiUrl",
      "regscan.diagnostics.minimumSeverity",
      "regscan.dockerfile.scanOnOpen",
      "regscan.projectId",
    ]);
    expect(manifest.contributes.configuration.properties["regscan.dockerfile.scanOnOpen"].default).toBe(false);
  });

  it("ships no telemetry", () => {
    const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    expect(deps.filter((d) => /telemetry|analytics|applicationinsights/i.test(d))).toEqual([]);
  });
});
