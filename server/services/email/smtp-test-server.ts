import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Received = { mail: ParsedMail; messageId: string; to: string; at: number };

/**
 * A real SMTP server on a free local port for tests and the benchmark: it parses what it
 * receives, and `refuse` makes it answer every message with a temporary failure.
 */
export async function startSmtpServer() {
	const received: Received[] = [];
	const state = { refuse: false, refusals: 0 };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onMailFrom(_address, _session, callback) {
			if (!state.refuse) return callback();
			state.refusals++;
			callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((mail) => {
					received.push({
						mail,
						messageId: mail.messageId ?? '',
						to: session.envelope.rcptTo.map((r) => r.address).join(','),
						at: Date.now()
					});
					callback();
				})
				.catch(callback);
		}
	});
	const port = await new Promise<number>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
	});
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		state,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
