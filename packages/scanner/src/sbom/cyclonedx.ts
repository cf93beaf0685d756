/**
 * CycloneDX 1.6 JSON SBOM of an image inventory, built with @cyclonedx/cyclonedx-library.
 * metadata.component is the image (type container, purl pkg:oci/…); components are the
 * operating system and every package, each with purl, bom-ref and `regscan:` properties.
 * Notices are `regscan:notice:<code>` metadata properties; an incomplete inventory (a notice
 * says packages may be missing) adds `regscan:inventory:incomplete` = `true` and a composition
 * `{aggregate: "incomplete", assemblies: ["image"]}`, CycloneDX's own way to say so.
 *
 * Vulnerabilities (VEX) are added on top of this document by the report writer: pass the
 * result of `toCycloneDx` as the base BOM of `toCycloneDxVex` (reports/cyclonedx-vex.ts), which
 * matches components by purl and appends a `vulnerabilities` array.
 */

import { Enums, Models, Serialize, Spec } from "@cyclonedx/cyclonedx-library";
import { inventoryCompleteness } from "../inventory/inventory-completeness.js";
import type { ImageInventory, ImagePackage } from "../model.js";
import { ociPurl } from "./oci-purl.js";

export interface CycloneDxOptions {
  /** The tool recorded in metadata.tools. */
  tool?: { name: string; version: string };
  /** metadata.timestamp; omitted when not given (reproducible output). */
  now?: Date;
  /** Optional `urn:uuid:…` serial number; omitted when not given. */
  serialNumber?: string;
}

/** The CycloneDX JSON document, as far as other writers (VEX) need to know its shape. */
export interface CycloneDxDocument {
  bomFormat: "CycloneDX";
  specVersion: string;
  components?: { "bom-ref"?: string; purl?: string; [key: string]: unknown }[];
  vulnerabilities?: unknown[];
  [key: string]: unknown;
}

const IMAGE_REF = "image";
const OS_REF = "operating-system";

/** Builds the CycloneDX 1.6 JSON object for an inventory. */
export function toCycloneDx(inventory: ImageInventory, options: CycloneDxOptions = {}): CycloneDxDocument {
  const bom = new Models.Bom();
  if (options.serialNumber) bom.serialNumber = options.serialNumber;
  const { artifact } = inventory;
  if (options.now) bom.metadata.timestamp = options.now;
  const tool = options.tool ?? { name: "regscan", version: "0.0.0" };
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, tool.name, { version: tool.version }),
  );

  const image = new Models.Component(Enums.ComponentType.Container, artifact.ref, { bomRef: IMAGE_REF });
  if (artifact.digest) image.version = artifact.digest;
  const imagePurl = ociPurl(artifact.ref, artifact.digest, artifact.platform);
  if (imagePurl) image.purl = imagePurl;
  if (artifact.platform) image.properties.add(new Models.Property("regscan:image:platform", artifact.platform));
  artifact.layers.forEach((layer, i) => {
    image.properties.add(new Models.Property(`regscan:image:layer:${i}:digest`, layer.digest));
    image.properties.add(new Models.Property(`regscan:image:layer:${i}:diffId`, layer.diffId));
    image.properties.add(new Models.Property(`regscan:image:layer:${i}:size`, String(layer.size)));
  });
  bom.metadata.component = image;
  for (const notice of inventory.notices) {
    const where = notice.path ? ` (${notice.path})` : "";
    bom.metadata.properties.add(new Models.Property(`regscan:notice:${notice.code}`, `${notice.message}${where}`));
  }
  const complete = inventoryCompleteness(inventory).complete;
  if (!complete) bom.metadata.properties.add(new Models.Property("regscan:inventory:incomplete", "true"));

  if (artifact.os) {
    bom.components.add(
      new Models.Component(Enums.ComponentType.OperatingSystem, artifact.os.family, {
        bomRef: OS_REF,
        version: artifact.os.version || undefined,
      }),
    );
  }
  const usedRefs = new Set<string>([IMAGE_REF, OS_REF]);
  for (const pkg of inventory.packages) bom.components.add(packageComponent(pkg, uniqueRef(pkg.purl, usedRefs)));

  const factory = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6);
  const normalized = factory.makeForBom().normalize(bom, {});
  // The library has no compositions model: added to its output.
  const compositions = complete ? {} : { compositions: [{ aggregate: "incomplete", assemblies: [IMAGE_REF] }] };
  return {
    $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
    ...normalized,
    ...compositions,
  } as unknown as CycloneDxDocument;
}

/** The SBOM as JSON text (2-space indented, final newline). */
export function toCycloneDxJson(inventory: ImageInventory, options: CycloneDxOptions = {}): string {
  return `${JSON.stringify(toCycloneDx(inventory, options), null, 2)}\n`;
}

function packageComponent(pkg: ImagePackage, bomRef: string): Models.Component {
  const component = new Models.Component(Enums.ComponentType.Library, pkg.name, {
    bomRef,
    version: pkg.version,
    purl: pkg.purl,
  });
  const add = (name: string, value: string | undefined) => {
    if (value) component.properties.add(new Models.Property(`regscan:${name}`, value));
  };
  add("package:type", pkg.type);
  add("package:ecosystem", pkg.ecosystem);
  add("package:path", pkg.path);
  add("package:layer:diffId", pkg.layer);
  add("package:arch", pkg.arch);
  add("package:source:name", pkg.source?.name);
  add("package:source:version", pkg.source?.version);
  if (pkg.isRoot) add("package:root", "true");
  add("package:confidence", pkg.confidence);
  return component;
}

/** purl as bom-ref (stable across scans); "#2", "#3"… for the same purl found at other paths. */
function uniqueRef(purl: string, used: Set<string>): string {
  let ref = purl;
  for (let n = 2; used.has(ref); n++) ref = `${purl}#${n}`;
  used.add(ref);
  return ref;
}
