// Test support of @regscan/storage (`@regscan/storage/testing`, Node only): Turso's HTTP protocol
// served over a libSQL file, for tests of the HTTP path (`@libsql/client/web`, the Worker).
export { type HranaServer, type HranaServerOptions, startHranaServer } from "./hrana/hrana-server.js";
