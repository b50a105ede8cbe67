import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { STAND_IN_CERT, STAND_IN_KEY } from './localhost-certificate';

/** How the stand-in answers a device's pushes: a status, or never (to test a timeout). */
export type Behaviour = number | 'hang';

/** A push as the "browser" would get it: checked VAPID, decrypted payload. */
export type ReceivedPush = { device: string; payload: unknown; ttl: number; topic: string | null; vapidKey: string };

/** A browser's side of a subscription: its keys, which only the stand-in (the "browser") can decrypt with. */
export type StandInDevice = { id: string; subscription: { endpoint: string; keys: { p256dh: string; auth: string } } };

const b64 = (bytes: Buffer) => bytes.toString('base64url');
const hmac = (key: Buffer, ...data: Buffer[]) => createHmac('sha256', key).update(Buffer.concat(data)).digest();

/**
 * Checks the VAPID `Authorization: vapid t=<JWT>, k=<public key>` header (RFC 8292): an
 * ES256 JWT signed by `k`, for this push service's origin, not expired, naming a contact.
 * Answers the key, or why it is refused.
 */
function checkVapid(header: string | undefined, origin: string): { key: string } | { refused: string } {
	const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
	if (!match) return { refused: 'no vapid authorization' };
	const [, token, k] = match as unknown as [string, string, string];
	const [head, body, signature] = token.split('.');
	const raw = Buffer.from(k, 'base64url');
	if (!head || !body || !signature || raw.length !== 65) return { refused: 'malformed vapid token or key' };
	const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64(raw.subarray(1, 33)), y: b64(raw.subarray(33)) }, format: 'jwk' });
	const signed = verify('sha256', Buffer.from(`${head}.${body}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
	if (!signed) return { refused: 'vapid signature does not verify' };
	const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { aud?: string; exp?: number; sub?: string };
	const now = Date.now() / 1000;
	if (claims.aud !== origin) return { refused: `vapid audience ${claims.aud} is not ${origin}` };
	if (!claims.exp || claims.exp < now || claims.exp > now + 24 * 3600) return { refused: 'vapid token expired or too long-lived' };
	if (!claims.sub || !/^(mailto:|https:)/.test(claims.sub)) return { refused: 'vapid subject is not mailto: or https:' };
	return { key: k };
}

/** Decrypts an `aes128gcm` push body (RFC 8188 framing, RFC 8291 keys) as the browser would. */
export function decryptPush(body: Buffer, device: { privateKey: Buffer; publicKey: Buffer; auth: Buffer }): Buffer {
	const salt = body.subarray(0, 16);
	const recordSize = body.readUInt32BE(16);
	const idLength = body[20]!;
	const serverKey = body.subarray(21, 21 + idLength);
	const ciphertext = body.subarray(21 + idLength);
	if (ciphertext.length > recordSize) throw new Error('More than one record: a push payload fits in one.');
	const ecdh = createECDH('prime256v1');
	ecdh.setPrivateKey(device.privateKey);
	const secret = ecdh.computeSecret(serverKey);
	const ikm = hmac(hmac(device.auth, secret), Buffer.from('WebPush: info\0'), device.publicKey, serverKey, Buffer.from([1]));
	const prk = hmac(salt, ikm);
	const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0'), Buffer.from([1])).subarray(0, 16);
	const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0'), Buffer.from([1])).subarray(0, 12);
	const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
	decipher.setAuthTag(ciphertext.subarray(-16));
	const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
	// The last record ends with the delimiter 0x02, then any zeros of padding.
	let end = padded.length - 1;
	while (end >= 0 && padded[end] === 0) end--;
	if (padded[end] !== 2) throw new Error('The record has no last-record delimiter.');
	return padded.subarray(0, end);
}

/**
 * A push service on localhost, over https with a certificate of its own (`agent` trusts it),
 * that also plays the browser: it makes devices (P-256 keys and an auth secret, as a browser
 * does), checks each push's VAPID header and decrypts its payload with that device's keys.
 * Each device answers 201 unless told otherwise.
 */
export async function startPushServiceStandIn() {
	const devices = new Map<string, { privateKey: Buffer; publicKey: Buffer; auth: Buffer; behaviour: Behaviour }>();
	const received: ReceivedPush[] = [];
	const refusals: string[] = [];
	let origin = '';
	const server: Server = createServer({ key: STAND_IN_KEY, cert: STAND_IN_CERT }, (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const id = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1];
			const device = id ? devices.get(id) : undefined;
			if (req.method !== 'POST' || !id || !device) return void res.writeHead(404).end();
			if (device.behaviour === 'hang') return;
			const refuse = (why: string) => {
				refusals.push(why);
				res.writeHead(400).end(why);
			};
			const vapid = checkVapid(req.headers.authorization, origin);
			if ('refused' in vapid) return refuse(vapid.refused);
			if (req.headers['content-encoding'] !== 'aes128gcm') return refuse('content-encoding is not aes128gcm');
			if (!req.headers.ttl) return refuse('no TTL header');
			let payload: unknown;
			try {
				payload = JSON.parse(decryptPush(Buffer.concat(chunks), device).toString('utf8'));
			} catch (error) {
				return refuse(`payload does not decrypt: ${(error as Error).message}`);
			}
			if (device.behaviour !== 201) return void res.writeHead(device.behaviour).end('The stand-in was told to answer this.');
			received.push({ device: id, payload, ttl: Number(req.headers.ttl), topic: (req.headers.topic as string | undefined) ?? null, vapidKey: vapid.key });
			res.writeHead(201).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `https://localhost:${(server.address() as AddressInfo).port}`;
	const agent = new Agent({ ca: STAND_IN_CERT, keepAlive: true });

	return {
		origin,
		/** Trusts the stand-in's certificate: give it to the push sender. */
		agent,
		received,
		/** Pushes the stand-in refused, and why (bad VAPID, undecryptable payload). */
		refusals,
		/** A new "browser" subscription, as `pushManager.subscribe` would answer it. */
		device(behaviour: Behaviour = 201): StandInDevice {
			const ecdh = createECDH('prime256v1');
			const publicKey = ecdh.generateKeys();
			const auth = randomBytes(16);
			const id = randomUUID();
			devices.set(id, { privateKey: ecdh.getPrivateKey(), publicKey, auth, behaviour });
			return { id, subscription: { endpoint: `${origin}/push/${id}`, keys: { p256dh: b64(publicKey), auth: b64(auth) } } };
		},
		/** From now on, answer this device's pushes so. */
		answer(device: StandInDevice, behaviour: Behaviour) {
			devices.get(device.id)!.behaviour = behaviour;
		},
		/** The decrypted payloads one device received. */
		payloadsOf(device: StandInDevice): unknown[] {
			return received.filter((r) => r.device === device.id).map((r) => r.payload);
		},
		async close() {
			agent.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

export type PushServiceStandIn = Awaited<ReturnType<typeof startPushServiceStandIn>>;
