import { describe, expect, it } from "vitest";
import { goAdvisoryVersion } from "./go-versions.js";

describe("goAdvisoryVersion (OSV Go records: SemVer without v; stdlib as vulndb converts Go tags)", () => {
  it.each([
    { name: "stdlib", version: "go1.21.3", expected: "1.21.3" },
    { name: "stdlib", version: "go1.20", expected: "1.20.0" },
    { name: "stdlib", version: "go1.21rc2", expected: "1.21.0-rc.2" },
    { name: "stdlib", version: "go1.19beta1", expected: "1.19.0-beta.1" },
    { name: "stdlib", version: "go1.9.2rc2", expected: "1.9.2-rc.2" },
    { name: "stdlib", version: "go1.22.1 X:boringcrypto", expected: "1.22.1" },
    { name: "stdlib", version: "devel go1.23-abcdef", expected: null },
    { name: "stdlib", version: "1.21.3", expected: null },
    { name: "golang.org/x/net", version: "v0.7.0", expected: "0.7.0" },
    {
      name: "golang.org/x/net",
      version: "v0.0.0-20220722155257-8c9f86f7a55f",
      expected: "0.0.0-20220722155257-8c9f86f7a55f",
    },
    { name: "github.com/a/b", version: "v2.0.0+incompatible", expected: "2.0.0+incompatible" },
    { name: "ex/local", version: "(devel)", expected: null },
    { name: "ex/none", version: "", expected: null },
  ])("$name $version → $expected", ({ name, version, expected }) => {
    expect(goAdvisoryVersion(name, version)).toBe(expected);
  });
});
