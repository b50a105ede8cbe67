// `npm run db:seed [-- --products N]`: seeds the demo catalog; running it again adds nothing twice.
import { parseArgs } from 'node:util';
import { getDatabase } from '../server/db/client';
import { seedCatalog } from '../server/db/seed';
import { describeDemoAccounts, seedDemoAccounts } from '../server/db/seed/accounts';

const { values } = parseArgs({ options: { products: { type: 'string' } } });
const count = values.products === undefined ? undefined : Number(values.products);
if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > 1_000_000)) {
	console.error('--products takes a whole number from 1 to 1000000');
	process.exit(2);
}

const database = await getDatabase();
const started = performance.now();
await seedCatalog(database.db, { products: count });
await seedDemoAccounts(database.db);
console.log(`Seeded ${database.kind} in ${Math.round(performance.now() - started)} ms.`);
console.log(`Demo accounts (for trying the shop only):\n${describeDemoAccounts()}`);
await database.close();
