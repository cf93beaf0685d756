/**
 * The API's JSON shapes, inferred from the typed client (`@regscan/api/client`): nothing is
 * restated here, so a changed route or field fails to compile in the extension.
 */
import type { ApiClient } from "@regscan/api/client";
import type { InferRequestType, InferResponseType } from "hono/client";

type Project = ApiClient["v1"]["projects"][":projectId"];
type Browse = Project["credentials"][":credentialId"]["namespaces"];
type ScanRoutes = Project["scans"];

export type Me = InferResponseType<ApiClient["v1"]["me"]["$get"], 200>;
export type MeProject = Me["projects"][number];
export type Credential = InferResponseType<Project["credentials"]["$get"], 200>["items"][number];
export type Namespace = InferResponseType<Browse["$get"], 200>["items"][number];
export type Image = InferResponseType<Browse[":namespace"]["images"]["$get"], 200>["items"][number];
export type Tag = InferResponseType<Browse[":namespace"]["images"][":image"]["tags"]["$get"], 200>["items"][number];
export type Scan = InferResponseType<ScanRoutes[":scanId"]["$get"], 200>;
export type Finding = InferResponseType<ScanRoutes[":scanId"]["findings"]["$get"], 200>["items"][number];
export type Severity = Finding["severity"];
export type ScanStatus = Scan["status"];
export type SeveritySummary = NonNullable<Scan["summary"]>;
export type StartScanImage = InferRequestType<ScanRoutes["$post"]>["json"]["image"];

/** One page of a listing: the API's `{items, nextCursor}`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Severities, highest first (the API's order). */
export const SEVERITY_ORDER = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"] as const satisfies readonly Severity[];

export const TERMINAL_STATUSES: readonly ScanStatus[] = ["succeeded", "failed", "cancelled"];

export function isTerminal(status: ScanStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
