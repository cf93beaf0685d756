// Type-level test of the typed client (`@regscan/api/client`): checked by `pnpm typecheck` (tsc
// covers this folder), where a route whose types were lost fails to compile. At run time the
// assertions are no-ops; test/client.test.ts uses the same client against the started API.
import type { ErrorCode } from "@regscan/core";
import type { InferRequestType, InferResponseType } from "hono/client";
import type { JSONValue } from "hono/utils/types";
import { describe, expectTypeOf, it } from "vitest";
import { type ApiClient, createApiClient } from "../src/client.js";

type Project = ApiClient["v1"]["projects"][":projectId"];
type Scans = Project["scans"];
type Scan = Scans[":scanId"];
type Org = ApiClient["v1"]["orgs"][":orgId"];
type Browse = Project["credentials"][":credentialId"]["namespaces"];

/** The problem document every error answer carries (RFC 9457 + `code`), restated from the README. */
interface ExpectedProblem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string | undefined;
  details?: { [key: string]: JSONValue } | undefined;
}

type Statuses<F extends (...args: any) => any> = Awaited<ReturnType<F>>["status"];

// Never sends a request: only its type is used.
const client = createApiClient("http://127.0.0.1:1");

describe("createApiClient is typed from the app's routes", () => {
  it("GET …/scans/{scanId}: path parameters, the Scan JSON, and a Problem for each error status", () => {
    expectTypeOf<InferRequestType<Scan["$get"]>>().toEqualTypeOf<{ param: { projectId: string; scanId: string } }>();
    type Body = InferResponseType<Scan["$get"], 200>;
    expectTypeOf<Body>().not.toBeAny();
    expectTypeOf<Body["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Body["status"]>().toEqualTypeOf<"queued" | "running" | "succeeded" | "failed" | "cancelled">();
    expectTypeOf<Body["digest"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Body["progress"]>().toEqualTypeOf<{
      phase: "queued" | "resolving" | "pulling" | "matching" | "done";
      layersDone: number;
      layersTotal: number;
      bytesDone: number;
      bytesTotal: number;
    }>();
    expectTypeOf<Body["summary"]>().toEqualTypeOf<{
      critical: number;
      high: number;
      medium: number;
      low: number;
      unknown: number;
    } | null>();
    expectTypeOf<Body["error"]>().toEqualTypeOf<{ code: string; message: string } | undefined>();
    expectTypeOf<Body["advisories"]>().toEqualTypeOf<{ updatedAt: string | null }>();
    expectTypeOf<Statuses<Scan["$get"]>>().toEqualTypeOf<200 | 400 | 401 | 403 | 404 | 429 | 500 | 503>();
    expectTypeOf<InferResponseType<Scan["$get"], 404>>().toEqualTypeOf<ExpectedProblem>();
    expectTypeOf<InferResponseType<Scan["$get"], 429>>().toEqualTypeOf<ExpectedProblem>();
  });

  it("refuses wrong parameters at compile time", () => {
    const scan = client.v1.projects[":projectId"].scans[":scanId"];
    // Never called: the compiler checks these calls, nothing sends them.
    const calls = () => [
      scan.$get({ param: { projectId: "p", scanId: "s" } }),
      scan.report.$get({ param: { projectId: "p", scanId: "s" }, query: { format: "sarif" } }),
      // @ts-expect-error scanId is missing
      scan.$get({ param: { projectId: "p" } }),
      // @ts-expect-error a path parameter is a string
      scan.$get({ param: { projectId: "p", scanId: 7 } }),
      // @ts-expect-error pdf is no report format
      scan.report.$get({ param: { projectId: "p", scanId: "s" }, query: { format: "pdf" } }),
      // @ts-expect-error a scan is read with GET, not DELETE
      scan.$delete({ param: { projectId: "p", scanId: "s" } }),
      // @ts-expect-error no such route
      client.v1.projects[":projectId"].scanz.$get({ param: { projectId: "p" } }),
      // @ts-expect-error the start body needs credentialId
      client.v1.projects[":projectId"].scans.$post({ param: { projectId: "p" }, json: { image: "a" } }),
    ];
    expectTypeOf(calls).toBeFunction();
  });

  it("POST …/scans: body (a reference or its parts), Idempotency-Key header, 202 Scan", () => {
    type Input = InferRequestType<Scans["$post"]>;
    expectTypeOf<Input["param"]>().toEqualTypeOf<{ projectId: string }>();
    expectTypeOf<Input["header"]>().toEqualTypeOf<{ "idempotency-key"?: string | undefined }>();
    expectTypeOf<Input["json"]>().toEqualTypeOf<{
      credentialId: string;
      image: string | { namespace: string; image: string; tag?: string | undefined; digest?: string | undefined };
    }>();
    expectTypeOf<InferResponseType<Scans["$post"], 202>["status"]>().toEqualTypeOf<
      "queued" | "running" | "succeeded" | "failed" | "cancelled"
    >();
    expectTypeOf<Statuses<Scans["$post"]>>().toEqualTypeOf<
      202 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503
    >();
  });

  it("scan documents: findings, the three report formats and the SBOM", () => {
    type Finding = InferResponseType<Scan["findings"]["$get"], 200>["items"][number];
    expectTypeOf<Finding["severity"]>().toEqualTypeOf<"CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN">();
    expectTypeOf<Finding["fixedVersion"]>().toEqualTypeOf<string | null>();
    expectTypeOf<InferRequestType<Scan["findings"]["$get"]>["query"]>().toMatchObjectType<{
      severity?: string | undefined;
      fixable?: "true" | "false" | undefined;
    }>();
    type Report = InferResponseType<Scan["report"]["$get"], 200>;
    expectTypeOf<Report>().not.toBeNever();
    expectTypeOf<Extract<Report, { version: "2.1.0" }>["runs"]>().toBeArray();
    expectTypeOf<Extract<Report, { bomFormat: "CycloneDX" }>["specVersion"]>().toEqualTypeOf<"1.6">();
    expectTypeOf<Extract<Report, { schemaVersion: 1 }>["summary"]["critical"]>().toEqualTypeOf<number>();
    expectTypeOf<InferResponseType<Scan["sbom"]["$get"], 200>["bomFormat"]>().toEqualTypeOf<"CycloneDX">();
    expectTypeOf<InferResponseType<Scan["cancel"]["$post"], 202>["id"]>().toEqualTypeOf<string>();
  });

  it("a route of every router", () => {
    // health, readiness
    expectTypeOf<InferResponseType<ApiClient["v1"]["health"]["$get"], 200>>().toEqualTypeOf<{ status: "ok" }>();
    expectTypeOf<InferResponseType<ApiClient["v1"]["ready"]["$get"], 200>>().toEqualTypeOf<{
      status: "ready";
      checks: { database: "ok" };
    }>();
    expectTypeOf<InferResponseType<ApiClient["v1"]["ready"]["$get"], 503>>().toEqualTypeOf<ExpectedProblem>();
    // organizations, projects
    expectTypeOf<
      InferResponseType<ApiClient["v1"]["me"]["$get"], 200>["projects"][number]["orgId"]
    >().toEqualTypeOf<string>();
    expectTypeOf<InferRequestType<ApiClient["v1"]["orgs"]["$post"]>["json"]>().toEqualTypeOf<{ name: string }>();
    expectTypeOf<InferResponseType<Org["projects"]["$post"], 201>["id"]>().toEqualTypeOf<string>();
    // tokens
    expectTypeOf<InferResponseType<Org["tokens"]["$post"], 201>["token"]>().toEqualTypeOf<string>();
    expectTypeOf<InferRequestType<Org["tokens"][":tokenId"]["$delete"]>["param"]>().toEqualTypeOf<{
      orgId: string;
      tokenId: string;
    }>();
    // credentials: the secret goes in, never out
    expectTypeOf<InferRequestType<Org["credentials"]["$post"]>["json"]["secretKey"]>().toEqualTypeOf<string>();
    expectTypeOf<InferResponseType<Org["credentials"]["$post"], 201>>().not.toHaveProperty("secretKey");
    expectTypeOf<InferResponseType<Org["credentials"]["$post"], 201>>().toHaveProperty("lastVerifiedAt");
    expectTypeOf<
      InferResponseType<Project["credentials"][":credentialId"]["$get"], 200>["namespace"]
    >().toEqualTypeOf<string>();
    // registry
    expectTypeOf<
      InferResponseType<Browse[":namespace"]["images"][":image"]["tags"]["$get"], 200>["items"][number]["imageRef"]
    >().toEqualTypeOf<string>();
    expectTypeOf<Statuses<Browse["$get"]>>().toEqualTypeOf<200 | 400 | 401 | 403 | 404 | 422 | 429 | 500 | 502 | 503>();
    // advisories
    expectTypeOf<InferResponseType<ApiClient["v1"]["advisories"]["status"]["$get"], 200>["updatedAt"]>().toEqualTypeOf<
      string | null
    >();
    expectTypeOf<InferResponseType<ApiClient["v1"]["admin"]["advisories"]["refresh"]["$post"], 202>>().toHaveProperty(
      "running",
    );
    // audit
    expectTypeOf<InferResponseType<Org["audit-log"]["$get"], 200>["nextCursor"]>().toEqualTypeOf<string | null>();
    // admin
    expectTypeOf<
      InferRequestType<ApiClient["v1"]["admin"]["orgs"][":orgId"]["features"]["$put"]>["json"]
    >().toEqualTypeOf<{
      features: "container_scanning"[];
    }>();
    expectTypeOf<
      InferResponseType<ApiClient["v1"]["admin"]["reencrypt"]["$post"], 200>["reencrypted"]
    >().toEqualTypeOf<number>();
  });
});
