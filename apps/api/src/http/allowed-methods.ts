/** A registered route as hono lists it (`app.routes`). */
export interface RegisteredRoute {
  method: string;
  path: string;
}

/** `/v1/orgs/:orgId/tokens` → a regex matching one concrete path of that shape. */
function pathPattern(path: string): RegExp {
  const escaped = path
    .split("/")
    .map((part) => (part.startsWith(":") ? "[^/]+" : part === "*" ? ".*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${escaped}/?$`);
}

/**
 * Builds the lookup that answers "which methods does this path have?" for a 405 `Allow` header.
 * Middleware (`ALL`) is left out; a GET route also answers HEAD.
 */
export function allowedMethodsOf(routes: readonly RegisteredRoute[]): (path: string) => string[] {
  const table = routes
    .filter((r) => r.method !== "ALL")
    .map((r) => ({ method: r.method.toUpperCase(), pattern: pathPattern(r.path) }));
  return (path) => {
    const methods = new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}
