/**
 * What `POST …/scans` accepts as `image`, turned into a target inside the credential's registry:
 * a full reference (`rg.fr-par.scw.cloud/ns/image:tag`, `…@sha256:…`) or `{namespace, image, tag}`
 * (or `digest`). A reference on another host is refused, so the secret never goes elsewhere.
 */
import { z } from "zod";
import { DomainError } from "../errors/domain-error.js";
import type { ScanTarget } from "../model/scan.js";
import { parseInput } from "../validation/parse-input.js";

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

const componentPath = z
  .string({ error: "Must be a string." })
  .min(1, "Must not be empty.")
  .max(255, "Must be at most 255 characters.")
  .refine((s) => s.split("/").every((c) => COMPONENT.test(c)), {
    message: 'Must be lowercase letters, digits and ".", "_", "-", with "/" between components.',
  });

const structuredImage = z
  .strictObject({
    namespace: componentPath.refine((s) => !s.includes("/"), { message: 'A namespace has no "/".' }),
    image: componentPath,
    tag: z.string().regex(TAG, "Must be a tag: letters, digits, '_', '.', '-', at most 128.").optional(),
    digest: z.string().regex(DIGEST, "Must be sha256: followed by 64 lowercase hex digits.").optional(),
  })
  .refine((v) => (v.tag === undefined) !== (v.digest === undefined), {
    message: "Give exactly one of tag and digest.",
  });

/** The body of `POST /v1/projects/{projectId}/scans`. */
export const startScanInputSchema = z.strictObject({
  credentialId: z.string({ error: "Must be a string." }).min(1, "Must not be empty.").max(200),
  image: z.union(
    [z.string().min(1, "Must not be empty.").max(600, "Must be at most 600 characters."), structuredImage],
    {
      error: "Must be a reference string (rg.fr-par.scw.cloud/ns/image:tag) or {namespace, image, tag}.",
    },
  ),
});

export type StartScanInput = z.infer<typeof startScanInputSchema>;

export function parseStartScanInput(input: unknown): StartScanInput {
  return parseInput(startScanInputSchema, input, "The scan request");
}

/** The full reference of a target on `host`: `host/ns/image:tag` or `host/ns/image@sha256:…`. */
export function formatTargetReference(host: string, target: ScanTarget): string {
  const base = `${host}/${target.namespace}/${target.image}`;
  return target.digest ? `${base}@${target.digest}` : `${base}:${target.tag ?? "latest"}`;
}

/** The repository part of a reference (no tag, no digest). */
export function referenceRepository(reference: string): string {
  const at = reference.indexOf("@");
  const name = at < 0 ? reference : reference.slice(0, at);
  const colon = name.lastIndexOf(":");
  return colon > name.lastIndexOf("/") ? name.slice(0, colon) : name;
}

/** Resolves the request's `image` to a target in the registry at `host` (e.g. `rg.fr-par.scw.cloud`). */
export function scanTargetFor(image: StartScanInput["image"], host: string): ScanTarget {
  if (typeof image !== "string") {
    return { namespace: image.namespace, image: image.image, tag: image.tag ?? null, digest: image.digest ?? null };
  }
  const invalid = (why: string) =>
    new DomainError("validation_failed", `The scan request is invalid: image: ${why}`, {
      fields: [{ path: "image", message: why }],
    });
  let rest = image.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
    throw invalid(`Write the reference without a scheme, e.g. ${host}/namespace/image:tag.`);
  }
  const slash = rest.indexOf("/");
  const given = slash < 0 ? "" : rest.slice(0, slash);
  if (given !== host) {
    throw new DomainError(
      "validation_failed",
      `The scan request is invalid: image: the credential pulls from ${host}, but the reference names ${given === "" ? "no registry host" : given}; name an image in ${host} (e.g. ${host}/namespace/image:tag).`,
      { fields: [{ path: "image", message: `Expected an image on ${host}.` }], expectedHost: host },
    );
  }
  rest = rest.slice(slash + 1);
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw invalid("The digest must be sha256: followed by 64 lowercase hex digits.");
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw invalid("The tag must be letters, digits, '_', '.', '-' (at most 128).");
  }
  const parts = rest.split("/");
  if (parts.length < 2 || !parts.every((c) => COMPONENT.test(c))) {
    throw invalid(`Name the image as ${host}/namespace/image, in lowercase letters, digits, ".", "_", "-".`);
  }
  const [namespace, ...imageParts] = parts;
  // A digest pins the content; a tag given beside it is informational only (as docker does).
  return {
    namespace: namespace as string,
    image: imageParts.join("/"),
    tag: digest ? null : (tag ?? "latest"),
    digest,
  };
}
