import type { ServerInit } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { getDatabase, isEmpty } from '$server/db/client';
import { seedCatalog } from '$server/db/seed';

export const init: ServerInit = async () => {
	const database = await getDatabase();
	// A newcomer's first `npm start` opens a shop with something in it.
	if (database.kind === 'pglite' && (await isEmpty(database.db))) {
		console.log('Empty embedded database: adding the demo catalog…');
		await seedCatalog(database.db);
	} else if (database.kind === 'pglite') {
		// Embedded Postgres has no autovacuum daemon to keep planner statistics current.
		await database.db.execute(sql`analyze`);
	}
	process.once('sveltekit:shutdown', () => void database.close());
};
