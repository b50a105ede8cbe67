import fs from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { mailboxFile } from './transport';

export type StoredEmail = {
	messageId: string | null;
	subject: string;
	from: string;
	to: string;
	date: string | null;
	text: string;
	html: string | null;
};

/** A message the embedded mailbox holds, parsed; null when it has none under that id. */
export async function readMailbox(dir: string, id: string): Promise<StoredEmail | null> {
	let raw: Buffer;
	try {
		raw = await fs.readFile(mailboxFile(dir, id));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
	const mail = await simpleParser(raw);
	const addresses = (value: typeof mail.to) => (Array.isArray(value) ? value.map((a) => a.text).join(', ') : (value?.text ?? ''));
	return {
		messageId: mail.messageId ?? null,
		subject: mail.subject ?? '',
		from: mail.from?.text ?? '',
		to: addresses(mail.to),
		date: mail.date?.toISOString() ?? null,
		text: mail.text ?? '',
		html: typeof mail.html === 'string' ? mail.html : null
	};
}
