/**
 * Registry references from pull coordinates (the Scaleway gateway's `PullCoordinates`), whose
 * `registry` is a host (`rg.fr-par.scw.cloud`) or a base URL (`http://127.0.0.1:5000` in tests).
 * A base URL with `http://` means the registry speaks plain http: `insecure` is then true.
 */
import { DomainError } from "@regscan/core";
import { parseImageReference, type RegistryReference, redactUserinfo } from "./image-reference.js";

export interface PullTarget {
  registry: string;
  repository: string;
  /** Tag or `sha256:` digest. */
  reference: string;
}

export function registryReferenceFromPull(target: PullTarget): { ref: RegistryReference; insecure: boolean } {
  let host = target.registry.trim();
  let insecure = false;
  const scheme = /^(https?):\/\//i.exec(host);
  if (scheme) {
    insecure = scheme[1]?.toLowerCase() === "http";
    host = host.slice(scheme[0].length).replace(/\/+$/, "");
  }
  const separator = target.reference.startsWith("sha256:") ? "@" : ":";
  const parsed = parseImageReference(`docker://${host}/${target.repository}${separator}${target.reference}`);
  const hubAlias = ["index.docker.io", "registry-1.docker.io"].includes(host);
  if (parsed.transport !== "docker" || (parsed.registry !== host && !hubAlias)) {
    throw new DomainError("validation_failed", `Invalid registry "${redactUserinfo(target.registry).slice(0, 100)}".`, {
      field: "registry",
    });
  }
  return { ref: parsed, insecure };
}
