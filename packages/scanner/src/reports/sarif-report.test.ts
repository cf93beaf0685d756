import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { CONTEXT, FINDINGS, INCOMPLETE_INVENTORY, INVENTORY } from "./report-fixture.test-support.js";
import { artifactPath, sarifReport } from "./sarif-report.js";
import { buildVulnerabilityReport } from "./vulnerability-report.js";

/** The draft-04 SARIF schema, read by ajv as draft-07 (it uses no draft-04-only keyword). */
function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(join(import.meta.dirname, "../../test/fixtures/sarif/sarif-2.1.0.json"), "utf8"),
  );
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // The schema's `language` pattern is not a valid regular expression with the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(schema);
}

describe("sarifReport", () => {
  const validate = sarifValidator();

  it.each([
    { name: "findings", findings: FINDINGS, inventory: INVENTORY },
    { name: "no findings", findings: [], inventory: INVENTORY },
    { name: "an incomplete inventory", findings: [], inventory: INCOMPLETE_INVENTORY },
  ])("is valid SARIF 2.1.0 with $name", ({ findings, inventory }) => {
    const sarif = JSON.parse(sarifReport.render(buildVulnerabilityReport(inventory, findings), CONTEXT));
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the schema check catches a broken document", () => {
    const sarif = JSON.parse(sarifReport.render(buildVulnerabilityReport(INVENTORY, FINDINGS), CONTEXT));
    sarif.runs[0].results[0].level = "critical";
    expect(validate(sarif)).toBe(false);
  });

  it("has one rule per id with GitHub's security-severity, one result per package", () => {
    const sarif = JSON.parse(sarifReport.render(buildVulnerabilityReport(INVENTORY, FINDINGS), CONTEXT));
    const run = sarif.runs[0];
    expect(
      run.tool.driver.rules.map((r: { id: string; properties: Record<string, unknown> }) => [
        r.id,
        r.properties["security-severity"],
      ]),
    ).toEqual([
      ["CVE-2020-28498", "6.8"],
      ["CVE-2023-38545", "8.0"],
      ["DSA-5587-1", "0.0"],
    ]);
    expect(
      run.results.map((r: { ruleId: string; ruleIndex: number; level: string }) => [r.ruleId, r.ruleIndex, r.level]),
    ).toEqual([
      ["CVE-2020-28498", 0, "warning"],
      ["CVE-2023-38545", 1, "error"],
      ["DSA-5587-1", 2, "note"],
    ]);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "registry.example/team/app",
      uriBaseId: "ROOTPATH",
    });
  });

  it("says an incomplete inventory's results are incomplete: an error-level notification per reason", () => {
    const run = JSON.parse(sarifReport.render(buildVulnerabilityReport(INCOMPLETE_INVENTORY, FINDINGS), CONTEXT))
      .runs[0];
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: "error",
            message: {
              text: "Inventory incomplete, packages and their vulnerabilities may be missing: rpm Berkeley DB database is not supported; rpm packages were not inventoried (/var/lib/rpm/Packages) [rpmdb_unsupported]",
            },
            descriptor: { id: "rpmdb_unsupported" },
          },
        ],
      },
    ]);
    expect(run.properties.inventoryIncomplete).toBe(true);
    const complete = JSON.parse(sarifReport.render(buildVulnerabilityReport(INVENTORY, FINDINGS), CONTEXT)).runs[0];
    expect(complete.invocations).toBeUndefined();
    expect(complete.properties.inventoryIncomplete).toBeUndefined();
  });

  it("points results at a Dockerfile when asked", () => {
    const sarif = JSON.parse(
      sarifReport.render(buildVulnerabilityReport(INVENTORY, FINDINGS), { ...CONTEXT, sarifLocation: "Dockerfile" }),
    );
    expect(sarif.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri).toBe("Dockerfile");
  });

  it.each([
    ["docker://registry.example/team/app:1.2", "registry.example/team/app"],
    ["localhost:5000/app@sha256:abcdef", "localhost_5000/app"],
    ["oci:/tmp/layout:latest", "tmp/layout"],
    ["docker-archive:image.tar", "image.tar"],
    ["debian", "debian"],
  ])("artifactPath(%s) = %s", (ref, path) => {
    expect(artifactPath(ref)).toBe(path);
  });
});
