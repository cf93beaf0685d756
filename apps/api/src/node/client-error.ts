import type { Duplex } from "node:stream";
import { DomainError } from "@regscan/core";
import { problemFor } from "../http/problem.js";

/**
 * node:http's `clientError` handler: a request Node's parser refuses before the app sees it gets a
 * problem+json answer too. A header block over the parser's limit (16 KiB) is 431
 * `headers_too_large`, any other malformed request 400 `validation_failed`. A socket that is gone
 * or already answering is destroyed, as Node does by default.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    socket.end("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n");
    return;
  }
  const domainError =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new DomainError(
          "headers_too_large",
          "The request's header block is larger than the server accepts (16 KiB in all): send fewer or smaller headers.",
        )
      : new DomainError("validation_failed", "The request is not valid HTTP/1.1 and was refused before routing.");
  const problem = problemFor(domainError);
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${problem.title}\r\n` +
      "Content-Type: application/problem+json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
}
