// `npm run db:migrate`: applies the committed migrations in drizzle/ to the configured database.
import { getDatabase } from '../server/db/client';

const database = await getDatabase();
console.log(`Migrations applied (${database.kind}).`);
await database.close();
