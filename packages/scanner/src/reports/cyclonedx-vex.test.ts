import { Spec, Validation } from "@cyclonedx/cyclonedx-library";
import { describe, expect, it } from "vitest";
import { type CycloneDxJson, cyclonedxReport, toCycloneDxVex } from "./cyclonedx-vex.js";
import { CONTEXT, FINDINGS, INCOMPLETE_INVENTORY, INVENTORY } from "./report-fixture.test-support.js";
import { buildVulnerabilityReport } from "./vulnerability-report.js";

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

describe("cyclonedxReport", () => {
  it.each([
    { name: "findings", findings: FINDINGS },
    { name: "no findings", findings: [] },
  ])("is a valid CycloneDX 1.6 document with $name", async ({ findings }) => {
    const text = cyclonedxReport.render(buildVulnerabilityReport(INVENTORY, findings), CONTEXT);
    expect(await validator.validate(text)).toBeNull();
  });

  it("says the inventory is incomplete: a metadata property and an incomplete composition, still valid", async () => {
    const text = cyclonedxReport.render(buildVulnerabilityReport(INCOMPLETE_INVENTORY, FINDINGS), CONTEXT);
    expect(await validator.validate(text)).toBeNull();
    const bom = JSON.parse(text);
    expect(bom.metadata.properties).toContainEqual({ name: "regscan:inventory:incomplete", value: "true" });
    expect(bom.compositions).toEqual([{ aggregate: "incomplete", assemblies: ["image"] }]);
    const complete = toCycloneDxVex(buildVulnerabilityReport(INVENTORY, FINDINGS), CONTEXT);
    expect(complete.compositions).toBeUndefined();
  });

  it("the schema check catches a broken document", async () => {
    const bom = toCycloneDxVex(buildVulnerabilityReport(INVENTORY, FINDINGS), CONTEXT);
    (bom.vulnerabilities as { ratings: { severity: string }[] }[])[0]!.ratings[0]!.severity = "severe";
    expect(await validator.validate(JSON.stringify(bom))).not.toBeNull();
  });

  it("lists each vulnerability once with its rating, aliases and affected components", () => {
    const bom = toCycloneDxVex(buildVulnerabilityReport(INVENTORY, FINDINGS), CONTEXT);
    const vulns = bom.vulnerabilities as {
      id: string;
      ratings: unknown[];
      references?: { id: string }[];
      affects: { ref: string }[];
    }[];
    expect(vulns.map((v) => v.id)).toEqual(["CVE-2020-28498", "CVE-2023-38545", "DSA-5587-1"]);
    expect(vulns[0]!.ratings).toEqual([
      {
        source: { name: "OSV", url: "https://osv.dev/vulnerability/CVE-2020-28498" },
        score: 6.8,
        severity: "medium",
        method: "CVSSv31",
        vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N",
      },
    ]);
    expect(vulns[1]!.references?.map((r) => r.id)).toEqual(["DEBIAN-CVE-2023-38545", "DSA-5587-1"]);
    expect(vulns[1]!.affects).toEqual([
      { ref: INVENTORY.packages[0]!.purl, versions: [{ version: "7.88.1-10+deb12u3", status: "affected" }] },
    ]);
    // A matched version range says "affected", not "exploitable": nothing analysed that.
    expect(new Set(vulns.map((v) => (v as { analysis?: { state: string } }).analysis?.state))).toEqual(
      new Set(["in_triage"]),
    );
  });

  it("extends a given SBOM, reusing its component refs, without changing it", async () => {
    const base: CycloneDxJson = {
      bomFormat: "CycloneDX",
      specVersion: "1.6",
      version: 1,
      components: [
        { type: "library", "bom-ref": "pkg-1", name: "elliptic", version: "6.5.3", purl: "pkg:npm/elliptic@6.5.3" },
      ],
    };
    const bom = toCycloneDxVex(buildVulnerabilityReport(INVENTORY, FINDINGS), CONTEXT, base);
    expect(base.vulnerabilities).toBeUndefined();
    expect((bom.vulnerabilities as { affects: { ref: string }[] }[])[0]!.affects[0]!.ref).toBe("pkg-1");
    expect(bom.components).toHaveLength(2);
    expect(await validator.validate(JSON.stringify(bom))).toBeNull();
  });
});
