import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { config } from '../../config';

export type OutgoingEmail = {
	/** The stable identity of the message: the same on a resend, so a receiver can tell. */
	messageId: string;
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
};

/** Where messages go: an SMTP server, or the local mailbox. The pipeline is the same for both. */
export type MailTransport = {
	kind: 'smtp' | 'mailbox';
	send(email: OutgoingEmail): Promise<void>;
	close(): void;
};

const message = (email: OutgoingEmail) => ({
	messageId: email.messageId,
	from: email.from,
	to: email.to,
	subject: email.subject,
	text: email.text,
	html: email.html
});

/**
 * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`.
 * Timeouts stay well under the sender's lease, so a slow server cannot make a message
 * look abandoned while it is still being sent.
 */
export function smtpTransport(url: string, options: { maxConnections?: number } = {}): MailTransport {
	const transporter = nodemailer.createTransport({
		url,
		pool: true,
		maxConnections: options.maxConnections ?? 4,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 60_000
	});
	return {
		kind: 'smtp',
		async send(email) {
			await transporter.sendMail(message(email));
		},
		close: () => transporter.close()
	};
}

/** The mailbox file of a message (its outbox id is its name, so a resend overwrites it). */
export function mailboxFile(dir: string, id: string): string {
	if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error('Not a message id');
	return path.join(dir, `${id}.eml`);
}

/** The embedded default: each message written as `<id>.eml` under `dir`, whole or not at all. */
export function mailboxTransport(dir: string): MailTransport {
	const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	let made: Promise<unknown> | undefined;
	return {
		kind: 'mailbox',
		async send(email) {
			made ??= fs.mkdir(dir, { recursive: true });
			await made;
			const info = await transporter.sendMail(message(email));
			const id = email.messageId.replace(/^<|@.*$/g, '');
			const file = mailboxFile(dir, id);
			const partial = `${file}.${process.pid}.tmp`;
			await fs.writeFile(partial, info.message as Buffer);
			await fs.rename(partial, file);
		},
		close: () => transporter.close()
	};
}

export const mailboxDir = () => path.join(config.dataDir, 'mail');

/** `SMTP_URL` when set, else the local mailbox under `DATA_DIR/mail`. */
export function configuredTransport(): MailTransport {
	return config.smtpUrl ? smtpTransport(config.smtpUrl) : mailboxTransport(mailboxDir());
}
