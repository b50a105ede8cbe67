import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandInIntent = {
	id: string;
	object: 'payment_intent';
	amount: number;
	amount_received: number;
	currency: string;
	status: 'requires_payment_method' | 'processing' | 'succeeded' | 'canceled';
	client_secret: string;
	metadata: Record<string, string>;
	last_payment_error: { message: string } | null;
};

export type StandInRequest = { method: string; path: string; idempotencyKey: string | undefined; form: URLSearchParams };

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * A small local stand-in for the part of Stripe's API the shop calls (PaymentIntents), so
 * tests run the real `stripe` SDK over HTTP. It honours idempotency keys as Stripe does.
 */
export async function startStripeStandIn() {
	const intents = new Map<string, StandInIntent>();
	const byKey = new Map<string, StandInIntent>();
	const requests: StandInRequest[] = [];
	const refunds: { id: string; amount: number; payment_intent: string }[] = [];
	const fail = (code: string, message: string) => ({ status: 400, body: { error: { type: 'invalid_request_error', code, message } } });

	function answer(method: string, path: string, form: URLSearchParams, key: string | undefined): { status: number; body: unknown } {
		if (key && byKey.has(`${method} ${path} ${key}`)) return { status: 200, body: byKey.get(`${method} ${path} ${key}`) };
		if (method === 'POST' && path === '/v1/payment_intents') {
			const id = `pi_${randomBytes(8).toString('hex')}`;
			const metadata: Record<string, string> = {};
			for (const [name, value] of form) {
				const match = /^metadata\[(.+)\]$/.exec(name);
				if (match) metadata[match[1]!] = value;
			}
			const intent: StandInIntent = {
				id,
				object: 'payment_intent',
				amount: Number(form.get('amount')),
				amount_received: 0,
				currency: form.get('currency') ?? '',
				status: 'requires_payment_method',
				client_secret: `${id}_secret_${randomBytes(6).toString('hex')}`,
				metadata,
				last_payment_error: null
			};
			intents.set(id, intent);
			if (key) byKey.set(`${method} ${path} ${key}`, intent);
			return { status: 200, body: intent };
		}
		if (method === 'POST' && path === '/v1/refunds') {
			const intent = intents.get(form.get('payment_intent') ?? '');
			if (!intent || intent.status !== 'succeeded') return fail('charge_not_refundable', 'This PaymentIntent has no successful charge to refund.');
			const refund = { id: `re_${randomBytes(8).toString('hex')}`, object: 'refund', amount: Number(form.get('amount')), payment_intent: intent.id, status: 'succeeded' };
			refunds.push(refund);
			if (key) byKey.set(`${method} ${path} ${key}`, refund as unknown as StandInIntent);
			return { status: 200, body: refund };
		}
		const match = /^\/v1\/payment_intents\/([\w]+)(\/cancel)?$/.exec(path);
		const intent = match && intents.get(match[1]!);
		if (!intent) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' } } };
		if (method === 'GET' && !match[2]) return { status: 200, body: intent };
		if (method === 'POST' && match[2]) {
			if (intent.status === 'succeeded' || intent.status === 'processing' || intent.status === 'canceled') {
				return fail('payment_intent_unexpected_state', `This PaymentIntent's status is ${intent.status}.`);
			}
			intent.status = 'canceled';
			return { status: 200, body: intent };
		}
		return { status: 404, body: { error: { type: 'invalid_request_error', message: 'Unknown route' } } };
	}

	const server = createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://stand-in');
		const form = new URLSearchParams(await readBody(request));
		const key = request.headers['idempotency-key'] as string | undefined;
		requests.push({ method: request.method ?? 'GET', path: url.pathname, idempotencyKey: key, form });
		const { status, body } = answer(request.method ?? 'GET', url.pathname, form, key);
		response.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(4).toString('hex')}` });
		response.end(JSON.stringify(body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		intents,
		refunds,
		/** The customer paid (what Stripe does when the Payment Element confirms). */
		succeed(id: string) {
			const intent = intents.get(id)!;
			Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
			return intent;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
