import type { z } from 'zod';
import type { emailsListInput } from '../../../src/lib/shared/admin';
import { config } from '../../config';
import type { Db } from '../../db/client';
import { readMailbox } from '../email/mailbox';
import { type Actor, recordAudit } from '../audit';
import { countEmails, getEmail, listEmails, retryNow } from '../email/outbox';
import { mailboxDir } from '../email/transport';
import { AppError } from '../errors';

/** The newest emails of one state (or all), with how many there are of each state. */
export async function adminListEmails(db: Db, input: z.output<typeof emailsListInput>) {
	const [emails, counts] = await Promise.all([listEmails(db, input.state, input.limit), countEmails(db)]);
	return { emails, counts };
}

/** One email with the message as sent, when the local mailbox holds it (no SMTP server configured). */
export async function adminGetEmail(db: Db, id: string) {
	const email = await getEmail(db, id);
	if (!email) throw new AppError('NOT_FOUND', 'No such email');
	const message = config.smtpUrl ? null : await readMailbox(mailboxDir(), email.id);
	return { email, message, smtp: Boolean(config.smtpUrl) };
}

/** "Retry now" on an email that failed: sent again at once, and the admin who asked is on record. */
export function adminRetryEmail(db: Db, actor: Actor, id: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const retried = await retryNow(tx, id);
		if (retried) await recordAudit(tx, actor, { action: 'email.retry', entityType: 'email', entityId: id });
		return retried;
	});
}
