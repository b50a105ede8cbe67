// `npm run admin:create -- --email you@example.com --password '…'`: creates an admin, or
// promotes an existing account to admin and sets its password.
import { parseArgs } from 'node:util';
import { emailSchema } from '../src/lib/shared/accounts';
import { getDatabase } from '../server/db/client';
import { createOrPromoteAdmin } from '../server/services/accounts';
import { AppError } from '../server/services/errors';

const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' } } });
const email = emailSchema.safeParse(values.email ?? '');
if (!email.success || !values.password) {
	console.error('Usage: npm run admin:create -- --email you@example.com --password "a long password"');
	process.exit(2);
}

const database = await getDatabase();
try {
	const outcome = await createOrPromoteAdmin(database.db, email.data, values.password);
	console.log(`${email.data}: admin ${outcome}.`);
} catch (error) {
	if (!(error instanceof AppError)) throw error;
	console.error(error.message);
	process.exitCode = 2;
} finally {
	await database.close();
}
