import { Spec, Validation } from "@cyclonedx/cyclonedx-library";
import { describe, expect, it } from "vitest";
import { finalizePackage, runCatalogers } from "../catalogers/index.js";
import { fixtureView } from "../catalogers/test-support/fixture-view.js";
import type { ImageInventory, OsInfo } from "../model.js";
import { toCycloneDx, toCycloneDxJson } from "./cyclonedx.js";
import { ociPurl } from "./oci-purl.js";

const DIGEST = `sha256:${"ab".repeat(32)}`;
const DIFF_ID = `sha256:${"cd".repeat(32)}`;
const OS: OsInfo = { family: "debian", version: "12", idLike: [] };

function inventory(): ImageInventory {
  const out = runCatalogers(fixtureView("dpkg-debian"), OS);
  const npm = runCatalogers(fixtureView("npm-app"), OS);
  const packages = [...out.packages, ...npm.packages].map((p) => finalizePackage(p, OS, DIFF_ID));
  return {
    schemaVersion: 1,
    artifact: {
      ref: "docker://127.0.0.1:5000/demo/app:1.4",
      digest: DIGEST,
      os: { family: "debian", version: "12" },
      layers: [{ digest: `sha256:${"ef".repeat(32)}`, diffId: DIFF_ID, size: 1234 }],
      platform: "linux/amd64",
    },
    packages,
    notices: [
      {
        code: "rpmdb_unsupported",
        message: "rpm Berkeley DB database is not supported",
        path: "/var/lib/rpm/Packages",
      },
    ],
  };
}

describe("toCycloneDx", () => {
  it("is valid CycloneDX 1.6 JSON (strict schema)", async () => {
    const json = toCycloneDxJson(inventory(), {
      tool: { name: "regscan", version: "0.1.0" },
      now: new Date("2026-01-02T03:04:05Z"),
      serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
    });
    const errors = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(json);
    expect(errors).toBeNull();
    const broken = JSON.stringify({ ...JSON.parse(json), components: [{ type: "library" }] });
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(broken)).not.toBeNull();
  });

  it("describes the image, the OS and every package with purl, bom-ref and regscan properties", () => {
    const inv = inventory();
    const bom = toCycloneDx(inv, { tool: { name: "regscan", version: "0.1.0" } });
    expect(bom.specVersion).toBe("1.6");
    const metadata = bom.metadata as { component: Record<string, unknown>; tools: unknown; timestamp?: string };
    expect(metadata.timestamp).toBeUndefined();
    expect(metadata.component).toMatchObject({
      type: "container",
      "bom-ref": "image",
      name: "docker://127.0.0.1:5000/demo/app:1.4",
      version: DIGEST,
      purl: `pkg:oci/app@${DIGEST}?arch=amd64&repository_url=127.0.0.1%3A5000%2Fdemo%2Fapp&tag=1.4`,
    });
    const components = bom.components ?? [];
    expect(components[0]).toMatchObject({ type: "operating-system", name: "debian", version: "12" });
    expect(components).toHaveLength(1 + inv.packages.length);
    const bash = components.find((c) => c.name === "bash");
    expect(bash).toEqual({
      type: "library",
      "bom-ref": "pkg:deb/debian/bash@5.2.15-2+b8?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2",
      name: "bash",
      version: "5.2.15-2+b8",
      purl: "pkg:deb/debian/bash@5.2.15-2+b8?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2",
      properties: expect.arrayContaining([
        { name: "regscan:package:type", value: "deb" },
        { name: "regscan:package:ecosystem", value: "Debian:12" },
        { name: "regscan:package:path", value: "/var/lib/dpkg/status" },
        { name: "regscan:package:layer:diffId", value: DIFF_ID },
        { name: "regscan:package:source:name", value: "bash" },
        { name: "regscan:package:source:version", value: "5.2.15-2" },
      ]),
    });
    const root = components.find((c) => c.name === "demo-api");
    expect(root?.properties).toContainEqual({ name: "regscan:package:root", value: "true" });
  });

  it("says an incomplete inventory is incomplete (metadata property, composition) and stays strictly valid", async () => {
    const inv = inventory();
    const complete = toCycloneDx(inv);
    expect(complete.compositions).toBeUndefined();
    inv.notices = inv.notices.map((n) => ({ ...n, incomplete: true }));
    const json = toCycloneDxJson(inv, { tool: { name: "regscan", version: "0.1.0" } });
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(json)).toBeNull();
    const bom = JSON.parse(json);
    expect(bom.metadata.properties).toEqual(
      expect.arrayContaining([
        { name: "regscan:inventory:incomplete", value: "true" },
        {
          name: "regscan:notice:rpmdb_unsupported",
          value: "rpm Berkeley DB database is not supported (/var/lib/rpm/Packages)",
        },
      ]),
    );
    expect(bom.compositions).toEqual([{ aggregate: "incomplete", assemblies: ["image"] }]);
  });

  it("gives packages with the same purl distinct bom-refs", () => {
    const inv = inventory();
    const first = inv.packages[0];
    if (first === undefined) throw new Error("fixture has packages");
    inv.packages.push({ ...first, path: "/elsewhere" });
    const refs = (toCycloneDx(inv).components ?? []).map((c) => c["bom-ref"]);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).toContain(`${first.purl}#2`);
  });
});

describe("ociPurl", () => {
  it.each([
    {
      ref: "docker://docker.io/library/debian:12",
      platform: "linux/arm64/v8",
      expected: `pkg:oci/debian@${DIGEST}?arch=arm64&repository_url=docker.io/library/debian&tag=12`,
    },
    {
      ref: "rg.fr-par.scw.cloud/ns/app@sha256:00",
      platform: undefined,
      expected: `pkg:oci/app@${DIGEST}?repository_url=rg.fr-par.scw.cloud/ns/app`,
    },
    { ref: "oci:/tmp/layouts/bookworm:latest", platform: undefined, expected: `pkg:oci/bookworm@${DIGEST}?tag=latest` },
    { ref: "oci:/tmp/layouts/bookworm", platform: undefined, expected: `pkg:oci/bookworm@${DIGEST}` },
    { ref: "docker-archive:/tmp/Image.tar", platform: undefined, expected: `pkg:oci/image@${DIGEST}` },
  ])("$ref", ({ ref, platform, expected }) => {
    expect(decodeURIComponent(ociPurl(ref, DIGEST, platform) ?? "")).toBe(expected);
  });

  it("has no purl without a digest", () => {
    expect(ociPurl("docker://a/b:c", "")).toBeUndefined();
  });
});
