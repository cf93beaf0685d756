import { DomainError, type ErrorDetails, isDomainError } from "@regscan/core";
import { safeScalewayBody } from "./guarded-fetch.js";

/** An HTTP error as the Scaleway SDK reports it (`ScalewayError` and its subclasses). */
export interface ScalewayFailure {
  status: number;
  body: unknown;
}

/** The status and body of a Scaleway SDK error (checked by shape, so it survives bundling). */
export function asScalewayFailure(error: unknown): ScalewayFailure | null {
  if (typeof error !== "object" || error === null || isDomainError(error)) return null;
  const { status, body } = error as { status?: unknown; body?: unknown };
  return typeof status === "number" ? { status, body } : null;
}

/** Safe details for a Scaleway failure: HTTP status and the error body's message/type/details. */
export function failureDetails(failure: ScalewayFailure, extra: ErrorDetails = {}): ErrorDetails {
  return { ...extra, status: failure.status, scaleway: safeScalewayBody(failure.body) };
}

/** What a 404 was about, to pick the error code. */
export type LookupSubject =
  | { kind: "namespace"; namespace: string }
  | { kind: "image"; namespace: string; image: string }
  | { kind: "tag"; namespace: string; image: string; tag: string };

export const MESSAGES = {
  credentialInvalid:
    "The Scaleway secret key was rejected (revoked, expired or wrong). Create a new API key in the Scaleway console (IAM → API keys) and rotate the credential's secret.",
  credentialForbidden: (projectId: string) =>
    `The Scaleway API key is valid but has no Container Registry permission. In the Scaleway console (IAM), give the key's application or user a policy with ContainerRegistryReadOnly (or ContainerRegistryFullAccess) on project ${projectId}.`,
  projectScopeMismatch: (projectId: string) =>
    `The Scaleway API key is valid but scoped to another Scaleway project than ${projectId}. Check the credential's Scaleway project id, or use an API key whose policy covers that project.`,
};

/**
 * Translates a failure of the SDK into a DomainError. 403 becomes `credential_forbidden` here;
 * telling it apart from `project_scope_mismatch` takes a second call (see `diagnoseForbidden`).
 */
export function toDomainError(error: unknown, projectId: string, subject?: LookupSubject): DomainError {
  if (isDomainError(error)) return error as DomainError;
  const failure = asScalewayFailure(error);
  // A 2xx the SDK could not parse (body cut off by the timeout, not JSON): no usable answer.
  if (!failure || failure.status < 400) {
    return new DomainError(
      "upstream_unavailable",
      "The Scaleway API returned an answer regscan could not read (cut off or not JSON). Retry later; if it persists, check REGSCAN_SCALEWAY_API_URL.",
      failure ? { status: failure.status } : undefined,
    );
  }
  if (failure.status === 401)
    return new DomainError("credential_invalid", MESSAGES.credentialInvalid, failureDetails(failure));
  if (failure.status === 403) {
    return new DomainError("credential_forbidden", MESSAGES.credentialForbidden(projectId), failureDetails(failure));
  }
  if (failure.status === 404 && subject) return notFound(subject, failureDetails(failure));
  return new DomainError(
    "upstream_unavailable",
    `The Scaleway API failed with HTTP ${failure.status}. Retry later; if it persists, check Scaleway's status page.`,
    failureDetails(failure),
  );
}

/** The not-found error for a subject, with an optional hint appended to the message. */
export function notFound(subject: LookupSubject, details: ErrorDetails = {}, hint?: string): DomainError {
  const suffix = hint ? ` ${hint}` : "";
  switch (subject.kind) {
    case "namespace":
      return new DomainError(
        "namespace_not_found",
        `Namespace "${subject.namespace}" was not found in this Scaleway project and region.${suffix || " Check the namespace name, region and Scaleway project id of the credential."}`,
        { ...details, namespace: subject.namespace },
      );
    case "image":
      return new DomainError(
        "image_not_found",
        `Image "${subject.image}" was not found in namespace "${subject.namespace}".${suffix || " Check the image name (it is case-sensitive and may contain /)."}`,
        { ...details, namespace: subject.namespace, image: subject.image },
      );
    case "tag":
      return new DomainError(
        "tag_not_found",
        `Tag "${subject.tag}" was not found on image "${subject.namespace}/${subject.image}".${suffix || " Check the tag name; list the image's tags to see what exists."}`,
        { ...details, namespace: subject.namespace, image: subject.image, tag: subject.tag },
      );
  }
}

/** A copy of the error with every occurrence of the secret removed from message and details. */
export function scrubSecret(error: DomainError, secret: string): DomainError {
  if (secret.length === 0) return error;
  const scrub = (value: unknown): unknown => {
    if (typeof value === "string") return value.split(secret).join("[redacted]");
    if (Array.isArray(value)) return value.map(scrub);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    }
    return value;
  };
  const message = scrub(error.message) as string;
  const details = error.details === undefined ? undefined : (scrub(error.details) as ErrorDetails);
  if (message === error.message && JSON.stringify(details) === JSON.stringify(error.details)) return error;
  return new DomainError(error.code, message, details);
}
