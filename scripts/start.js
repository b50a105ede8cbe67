// `npm start`: builds the app when needed, then serves it (adapter-node); the server runs
// the migrations and, on a new embedded database, adds the demo shop.
import { ensureBuild, serverEntry } from './ensure-build.js';

ensureBuild();
// adapter-node assumes https unless told the public origin; a local start is plain http.
process.env.ORIGIN ||= `http://localhost:${process.env.PORT || 3000}`;
await import(serverEntry);
