/**
 * What the extension says for every error the API can answer (`code` of its problem+json) and for
 * the failures that happen before an answer. The table is exhaustive over the API's codes: a new
 * code fails to compile until it is given a message here.
 */
import type { ErrorCode } from "@regscan/core";

/** What the user can do from an error node: try again, re-check the credential, sign in, or nothing. */
export type ErrorAction = "retry" | "verify" | "signIn" | "none";

export interface ErrorMessage {
  /** One short sentence: what went wrong. */
  title: string;
  /** What to check or do. */
  check: string;
  action: ErrorAction;
}

export const API_ERROR_MESSAGES = {
  unauthenticated: {
    title: "regscan rejected the API token.",
    check: "Sign in again with a valid token (regscan: Sign in).",
    action: "signIn",
  },
  forbidden: {
    title: "This token may not do that.",
    check: "Ask an organization owner for the permission (project read to browse, start_scan to scan).",
    action: "none",
  },
  not_found: {
    title: "Not found.",
    check:
      "It may have been deleted, or belong to another project: refresh, or pick the project (regscan: Select project).",
    action: "retry",
  },
  validation_failed: {
    title: "regscan refused the request as invalid.",
    check: "Check the image reference and the settings (regscan.apiUrl, regscan.projectId).",
    action: "none",
  },
  conflict: {
    title: "The request conflicts with the current state.",
    check: "Refresh and try again.",
    action: "retry",
  },
  payload_too_large: {
    title: "The request is too large.",
    check: "Use a shorter filter or reference.",
    action: "none",
  },
  unsupported_media_type: {
    title: "regscan refused the request's content type.",
    check: "The extension sends JSON; check that regscan.apiUrl points at a regscan API of a matching version.",
    action: "none",
  },
  method_not_allowed: {
    title: "regscan does not accept this request on that route.",
    check: "Check that regscan.apiUrl points at a regscan API of a matching version.",
    action: "none",
  },
  headers_too_large: {
    title: "The request's headers are too large for regscan.",
    check: "Check the token's length and any proxy in front of regscan.apiUrl.",
    action: "none",
  },
  service_unavailable: {
    title: "regscan cannot use its database right now.",
    check: "Try again in a moment; the operator can check the API's readiness at /v1/ready.",
    action: "retry",
  },
  feature_not_enabled: {
    title: "Scanning is not on this organization's plan.",
    check: "An instance admin can enable container_scanning for the organization.",
    action: "none",
  },
  credential_invalid: {
    title: "Scaleway rejected the stored secret key (revoked, expired or wrong).",
    check: "Rotate the credential's secret key in regscan, then re-verify it.",
    action: "verify",
  },
  credential_forbidden: {
    title: "The Scaleway key lacks Container Registry permissions.",
    check: "Give the key's IAM application ContainerRegistryReadOnly (or FullAccess), then re-verify.",
    action: "verify",
  },
  project_scope_mismatch: {
    title: "The Scaleway key belongs to another Scaleway project.",
    check: "Store a key of the credential's Scaleway project, then re-verify.",
    action: "verify",
  },
  namespace_not_found: {
    title: "The namespace does not exist in that region or project.",
    check: "Check the namespace's name (case matters) and region.",
    action: "retry",
  },
  image_not_found: { title: "The image does not exist in the namespace.", check: "Refresh the list.", action: "retry" },
  tag_not_found: { title: "The tag does not exist on the image.", check: "Refresh the list of tags.", action: "retry" },
  rate_limited: {
    title: "Too many requests: regscan or Scaleway is rate-limiting.",
    check: "Wait a minute, then try again.",
    action: "retry",
  },
  upstream_unavailable: {
    title: "Scaleway or the registry did not answer.",
    check: "Try again in a moment; check Scaleway's status if it persists.",
    action: "retry",
  },
  image_unsupported: {
    title: "regscan cannot read this image's format.",
    check: "Push the image with an OCI or Docker v2 manifest (schema 1 is not supported).",
    action: "none",
  },
  image_too_large: {
    title: "The image is larger than the scan limits.",
    check: "Ask the regscan operator to raise the limit, or scan a smaller image.",
    action: "none",
  },
  scan_failed: {
    title: "The scan failed.",
    check: "The message says which part of the image; try again.",
    action: "retry",
  },
  inventory_incomplete: {
    title: "Some packages of the image could not be inventoried, so the result may be incomplete.",
    check: "The message says why.",
    action: "none",
  },
  secret_undecryptable: {
    title: "regscan cannot decrypt the stored secret key.",
    check: "Rotate the credential's secret key; ask the operator to check the master key.",
    action: "none",
  },
  internal: {
    title: "regscan had an unexpected error.",
    check: "Try again; if it persists, the operator can look at the API's log.",
    action: "retry",
  },
} as const satisfies Record<ErrorCode, ErrorMessage>;

/** Failures on the extension's side, before or instead of an API answer. */
export const CLIENT_ERROR_MESSAGES = {
  not_signed_in: { title: "Not signed in to regscan.", check: "Run regscan: Sign in.", action: "signIn" },
  no_project: {
    title: "This token sees no regscan project.",
    check: "Use a token with read permission on a project, or set regscan.projectId.",
    action: "signIn",
  },
  unreachable: {
    title: "regscan cannot be reached.",
    check: "Check regscan.apiUrl and that the API is running.",
    action: "retry",
  },
  timeout: { title: "regscan did not answer in time.", check: "Try again; check the API's load.", action: "retry" },
  bad_response: {
    title: "regscan sent an answer the extension cannot read.",
    check: "Check that regscan.apiUrl points at a regscan API of a matching version.",
    action: "retry",
  },
  unexpected: {
    title: "The extension hit an unexpected error.",
    check: "See the regscan output channel, and report it with the steps that led there.",
    action: "retry",
  },
} as const satisfies Record<string, ErrorMessage>;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_MESSAGES;

/** The message for a code; a code this version does not know (a newer API) gets a generic one. */
export function messageFor(code: string): ErrorMessage {
  if (Object.hasOwn(API_ERROR_MESSAGES, code)) return API_ERROR_MESSAGES[code as ErrorCode];
  if (Object.hasOwn(CLIENT_ERROR_MESSAGES, code)) return CLIENT_ERROR_MESSAGES[code as ClientErrorCode];
  return { title: `regscan answered with an error (${code}).`, check: "See the message for details.", action: "none" };
}
