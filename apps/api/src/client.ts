/**
 * The typed client of the regscan API (`@regscan/api/client`), for the VS Code extension and the
 * web dashboard: `createApiClient(url, { headers: { authorization: "Bearer …" } })` returns a
 * Hono RPC client whose every route, parameter and JSON response is typed from the app itself.
 */
import { type ClientRequestOptions, hc } from "hono/client";
import type { AppType } from "./app.js";

export type { AppType };

export type ApiClient = ReturnType<typeof hc<AppType>>;

export function createApiClient(baseUrl: string, options?: ClientRequestOptions): ApiClient {
  return hc<AppType>(baseUrl, options);
}
