import { error } from '@sveltejs/kit';
import { config } from '$server/config';
import { getDatabase } from '$server/db/client';
import { readMailbox } from '$server/services/email/mailbox';
import { getEmail } from '$server/services/email/outbox';
import { mailboxDir } from '$server/services/email/transport';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	await parent();
	if (!/^[0-9a-f-]{36}$/i.test(params.id)) error(404, 'No such email');
	const email = await getEmail((await getDatabase()).db, params.id);
	if (!email) error(404, 'No such email');
	// The local mailbox holds what was sent when no SMTP server is configured.
	const message = config.smtpUrl ? null : await readMailbox(mailboxDir(), email.id);
	return { email, message, smtp: Boolean(config.smtpUrl) };
};
