import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";

/**
 * The peer address of the request's socket (@hono/node-server's bindings); undefined when the app
 * is called without a server (`app.request(…)`). Behind a reverse proxy this is the proxy.
 */
export function nodeClientAddress(c: Context): string | undefined {
  return (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress;
}
