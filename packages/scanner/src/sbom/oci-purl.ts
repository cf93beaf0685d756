/**
 * The Package URL of a container image (purl type "oci"): name is the repository's last path
 * segment, version the manifest digest, `repository_url` the registry and repository.
 */

import { PackageURL } from "packageurl-js";

/** "pkg:oci/debian@sha256:…?arch=amd64&repository_url=docker.io/library/debian&tag=12", or undefined without a digest. */
export function ociPurl(ref: string, digest: string, platform?: string): string | undefined {
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) return undefined;
  const qualifiers: Record<string, string> = {};
  const arch = platform?.split("/")[1];
  if (arch) qualifiers.arch = arch;
  let name: string;
  if (ref.startsWith("oci:") || ref.startsWith("docker-archive:")) {
    const [location = "", tag] = ref.slice(ref.indexOf(":") + 1).split(":");
    name =
      location
        .split("/")
        .filter((s) => s !== "")
        .pop() ?? "image";
    if (tag && ref.startsWith("oci:")) qualifiers.tag = tag;
    name = name.replace(/\.tar(?:\.gz)?$/, "");
  } else {
    const registryRef = ref.replace(/^docker:\/\//, "").split("@")[0] ?? "";
    const lastSlash = registryRef.lastIndexOf("/");
    const colon = registryRef.lastIndexOf(":");
    const tag = colon > lastSlash ? registryRef.slice(colon + 1) : undefined;
    const repository = colon > lastSlash ? registryRef.slice(0, colon) : registryRef;
    name = repository.slice(lastSlash + 1);
    if (repository !== "") qualifiers.repository_url = repository;
    if (tag) qualifiers.tag = tag;
  }
  try {
    return new PackageURL("oci", undefined, name.toLowerCase() || "image", digest, qualifiers).toString();
  } catch {
    return undefined;
  }
}
