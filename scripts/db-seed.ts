// `npm run db:seed [-- --products N]`: seeds the demo catalog; running it again adds nothing twice.
import { parseArgs } from 'node:util';
import { getDatabase } from '../server/db/client';
import { seedCatalog } from '../server/db/seed';

const { values } = parseArgs({ options: { products: { type: 'string' } } });
const count = values.products === undefined ? undefined : Number(values.products);
if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > 1_000_000)) {
	console.error('--products takes a whole number from 1 to 1000000');
	process.exit(2);
}

const database = await getDatabase();
const started = performance.now();
await seedCatalog(database.db, { products: count });
console.log(`Seeded ${database.kind} in ${Math.round(performance.now() - started)} ms.`);
await database.close();
