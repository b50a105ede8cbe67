// `npm start`: builds the app when needed, then serves it (adapter-node); the server runs
// the migrations and, on a new embedded database, adds the demo catalog.
import { ensureBuild, serverEntry } from './ensure-build.js';

ensureBuild();
await import(serverEntry);
