import path from 'node:path';
import { DEFAULT_LIMITS, LIMIT_NAMES, parseLimit, type LimitName, type LimitRule } from './auth/rate-limit';

/** Configuration read from the environment; every value has an embedded default. */
export const config = {
	get port() {
		return Number(process.env.PORT ?? 3000);
	},
	get dataDir() {
		return path.resolve(process.env.DATA_DIR ?? './data');
	},
	get databaseUrl() {
		return process.env.DATABASE_URL || undefined;
	},
	get redisUrl() {
		return process.env.REDIS_URL || undefined;
	},
	/** Stripe, when a secret key is set; otherwise the built-in test payment provider. */
	get stripe() {
		const secretKey = process.env.STRIPE_SECRET_KEY;
		if (!secretKey) return undefined;
		return {
			secretKey,
			webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? '',
			/** Handed to the browser for Stripe's Payment Element. */
			publishableKey: process.env.PUBLIC_STRIPE_PUBLISHABLE_KEY ?? '',
			/** Another API address, such as a local stand-in of Stripe's API (tests, stripe-mock). */
			apiBase: process.env.STRIPE_API_BASE || undefined
		};
	},
	/** Accounts one address may create per hour (raise it where many people share an address). */
	get signupsPerHour() {
		return process.env.SIGNUPS_PER_HOUR ? Number(process.env.SIGNUPS_PER_HOUR) : undefined;
	},
	/** Request budgets of checkout, sync push and pull, review writes, the assistant and the push opt-in: `RATE_LIMIT_<NAME>=perUser/perIp/seconds`. */
	get rateLimits(): Record<LimitName, LimitRule> {
		return Object.fromEntries(
			LIMIT_NAMES.map((name) => [name, parseLimit(process.env[`RATE_LIMIT_${name.toUpperCase()}`], DEFAULT_LIMITS[name])])
		) as Record<LimitName, LimitRule>;
	},
	/** Live-update streams one account and one address may hold open on an instance: `EVENT_STREAMS=perUser/perIp`. */
	get eventStreams() {
		const text = process.env.EVENT_STREAMS?.trim();
		if (!text) return { perUser: 10, perIp: 10 };
		const match = text.match(/^([1-9]\d*)\/([1-9]\d*)$/);
		if (!match) throw new Error(`EVENT_STREAMS reads "per account/per address", such as 10/10; got "${text}".`);
		return { perUser: Number(match[1]), perIp: Number(match[2]) };
	},
	/** `READ_CACHE=off` sends every public read to the database (to measure, or to rule the cache out). */
	get readCache() {
		return process.env.READ_CACHE !== 'off';
	},
	/** How long an unpaid order holds its stock. */
	get orderHoldMinutes() {
		return Number(process.env.ORDER_HOLD_MINUTES ?? 30);
	},
	/** How often each instance looks for expired unpaid orders (any number of instances may). */
	get orderReapSeconds() {
		return Number(process.env.ORDER_REAP_SECONDS ?? 60);
	},
	/** The public origin, for links in emails (scripts/start.js sets the same default). */
	get origin() {
		return (process.env.ORIGIN || `http://localhost:${this.port}`).replace(/\/+$/, '');
	},
	/** An SMTP server (`smtp://user:pass@host:587`, `smtps://…:465`); unset → the local mailbox under DATA_DIR/mail. */
	get smtpUrl() {
		return process.env.SMTP_URL || undefined;
	},
	/** The sender of every email. */
	get mailFrom() {
		return process.env.MAIL_FROM || 'Store <shop@localhost>';
	},
	/** `off` keeps the app from sending email itself (when `npm run worker` processes do it). */
	get emailWorkerInProcess() {
		return process.env.EMAIL_WORKER !== 'off';
	},
	/** How often an idle email sender looks for due messages. */
	get emailPollMs() {
		return Number(process.env.EMAIL_POLL_MS ?? 1000);
	},
	/** Attempts before an email is marked failed (it shows on /admin/emails, with "Retry now"). */
	get emailMaxAttempts() {
		return Number(process.env.EMAIL_MAX_ATTEMPTS ?? 8);
	},
	/**
	 * The VAPID key pair pushes are signed with, when the environment gives one (both halves,
	 * base64url, as `web-push generate-vapid-keys` prints them); unset, the shop makes one on
	 * first start and keeps it in the database.
	 */
	get vapid() {
		const publicKey = process.env.VAPID_PUBLIC_KEY?.trim();
		const privateKey = process.env.VAPID_PRIVATE_KEY?.trim();
		if (!publicKey && !privateKey) return undefined;
		if (!publicKey || !privateKey) throw new Error('Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither (the shop then makes its own pair).');
		if (Buffer.from(publicKey, 'base64url').length !== 65) throw new Error('VAPID_PUBLIC_KEY must be a P-256 public key: 65 bytes in base64url.');
		if (Buffer.from(privateKey, 'base64url').length !== 32) throw new Error('VAPID_PRIVATE_KEY must be a P-256 private key: 32 bytes in base64url.');
		return { publicKey, privateKey };
	},
	/** Who push services may contact about this shop's pushes: a `mailto:` or `https:` address. */
	get vapidSubject() {
		const subject = process.env.VAPID_SUBJECT?.trim();
		if (subject) return subject;
		const sender = /<([^>]+)>/.exec(this.mailFrom)?.[1] ?? this.mailFrom.trim();
		return `mailto:${sender}`;
	},
	/** Pushes one account may receive an hour, one per change; the rest are told in one push. */
	get pushesPerHour() {
		return Number(process.env.PUSHES_PER_HOUR ?? 6);
	},
	/** `off` keeps the app from sending pushes itself (when `npm run worker` processes do it). */
	get pushWorkerInProcess() {
		return process.env.PUSH_WORKER !== 'off';
	},
	/** How often an idle push sender looks for due pushes. */
	get pushPollMs() {
		return Number(process.env.PUSH_POLL_MS ?? 1000);
	},
	/**
	 * Whether push endpoints on this machine (localhost, an IP address) are taken: only while
	 * the shop itself is served from localhost, so a real shop never posts to its own network.
	 */
	get localPushEndpoints() {
		return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(this.origin).hostname);
	},
	/** When set, GET /metrics asks for `Authorization: Bearer <token>`; unset, it is open. */
	get metricsToken() {
		return process.env.METRICS_TOKEN || undefined;
	},
	/** adapter-node's request body limit in bytes (`BODY_SIZE_LIMIT`, read the way it reads it: 512K, 1M, Infinity). */
	get bodySizeLimit() {
		const value = process.env.BODY_SIZE_LIMIT || '512K';
		const multiplier = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.at(-1)!.toUpperCase()];
		return multiplier ? Number(value.slice(0, -1)) * multiplier : Number(value);
	}
};
