// The extension's vitest project: the modules that do not import `vscode` (src/**). The integration
// suite (test/suite/) runs inside a VS Code extension host instead: pnpm test:vscode.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@regscan/vscode-extension",
    include: ["src/**/*.test.ts"],
  },
});
