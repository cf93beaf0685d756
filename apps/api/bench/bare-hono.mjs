// The bench's baseline: a bare Hono app on @hono/node-server with one route returning a small
// JSON, on 127.0.0.1 and a free port (printed as `listening <url>`). Plain JavaScript, no loader.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/v1/ping", (c) => c.json({ status: "ok", id: "0f8fad5b-d9cb-469f-a165-70867728950e" }));

const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
  console.log(`listening http://127.0.0.1:${info.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
