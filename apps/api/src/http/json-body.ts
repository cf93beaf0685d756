import { DomainError } from "@regscan/core";
import type { MiddlewareHandler } from "hono";
import { unsupportedMediaType } from "./problem.js";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Every request body the API reads is JSON in UTF-8. On a write request with a non-empty body
 * (after the body limit): a `Content-Type` other than `application/json` (or `…+json`) is 415
 * `unsupported_media_type`, and bytes that are not valid UTF-8 are 400 `validation_failed` instead
 * of being silently replaced by U+FFFD. The decoded text is handed to the route's JSON validator
 * (hono's body cache), so the body is read once.
 */
export function jsonBody(): MiddlewareHandler {
  return async (c, next) => {
    if (!WRITE_METHODS.has(c.req.method) || c.req.raw.body === null) return next();
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength === 0) return next();
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!JSON_MEDIA_TYPE.test(mediaType)) throw unsupportedMediaType();
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      // TextDecoder's only failure with `fatal: true`: the bytes are not UTF-8.
      throw new DomainError(
        "validation_failed",
        "The request body is not valid UTF-8: send JSON encoded as UTF-8 (invalid bytes are refused, not replaced).",
        { fields: [{ path: "body", message: "Not valid UTF-8." }] },
      );
    }
    // hono keeps promises in its body cache (its type says values): `c.req.json()` then parses `text`.
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
    return next();
  };
}
