// `npm start`: builds the app when needed, then serves it (adapter-node); the server runs
// the migrations and, on a new embedded database, adds the demo shop.
import { ensureBuild, serverEntry } from './ensure-build.js';

ensureBuild();
// adapter-node assumes https unless told the public origin; a local start is plain http.
process.env.ORIGIN ||= `http://localhost:${process.env.PORT || 3000}`;
// On SIGTERM adapter-node stops accepting, lets in-flight requests finish for up to this
// many seconds, then closes what is left: an instance is gone within 10 s of being told.
process.env.SHUTDOWN_TIMEOUT ||= '8';
await import(serverEntry);
