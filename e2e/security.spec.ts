import http from 'node:http';
import net from 'node:net';
import { expect, test } from './fixtures';

// Bursts as an attacker sends them, against the real server. Each burst comes from a
// loopback address of its own (127.0.0.x), so the budgets it spends are not the ones the
// other tests share on 127.0.0.1.

/** Whether this machine lets a client bind a loopback address other than 127.0.0.1 (Linux does). */
const canBind = (address: string) =>
	new Promise<boolean>((resolve) => {
		const server = net.createServer().once('error', () => resolve(false));
		server.listen(0, address, () => server.close(() => resolve(true)));
	});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One request from `from` (a loopback address), as a form post or a GET. */
function send(baseURL: string, from: string, path: string, options: { form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Answer> {
	const url = new URL(path, baseURL);
	const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port: url.port,
				path: url.pathname + url.search,
				method: body ? 'POST' : 'GET',
				localAddress: from,
				agent: false,
				headers: {
					origin: url.origin,
					accept: 'text/html',
					...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
					...options.headers
				}
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
			}
		);
		request.on('error', reject);
		request.end(body);
	});
}

const tally = (answers: Answer[]) => answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});

test.describe('bursts against the limits', () => {
	test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'desktop', 'One run is enough: the limits are the server’s, not the browser’s.'));

	test('100 parallel sign-ins to one account: only the free attempts are checked, and the right password among them waits', async ({ baseURL }) => {
		test.skip(!(await canBind('127.0.0.21')), 'This machine has no loopback address but 127.0.0.1 to send the burst from.');
		const email = `e2e-burst-${Date.now()}@example.com`;
		const password = 'burst-right-password-77';
		const made = await send(baseURL!, '127.0.0.21', '/signup', { form: { email, password, firstName: '', lastName: '' } });
		expect(made.status).toBe(303);

		const attempts = [...Array.from({ length: 99 }, (_, i) => `wrong-password-${i}`), password];
		const answers = await Promise.all(attempts.map((p) => send(baseURL!, '127.0.0.22', '/login', { form: { email, password: p } })));
		const counts = tally(answers);
		// Five free attempts and the one that opens the first wait reach the password check.
		expect(counts[400]).toBeLessThanOrEqual(6);
		expect(counts[429]).toBe(100 - (counts[400] ?? 0));
		expect(counts[303]).toBeUndefined();
		const last = answers.at(-1)!;
		expect(last.status).toBe(429);
		expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
		expect(last.body).toContain('Too many attempts.');
	});

	test('20 parallel password resets for one email: three are sent, the rest wait', async ({ baseURL }) => {
		test.skip(!(await canBind('127.0.0.23')), 'This machine has no loopback address but 127.0.0.1 to send the burst from.');
		const email = `e2e-reset-burst-${Date.now()}@example.com`;
		const answers = await Promise.all(Array.from({ length: 20 }, () => send(baseURL!, '127.0.0.23', '/forgot-password', { form: { email } })));
		expect(tally(answers)).toEqual({ 200: 3, 429: 17 });
	});

	test('an account holds at most 10 live-update streams; a closed one gives its place back', async ({ page, baseURL }) => {
		const email = `e2e-streams-${Date.now()}@example.com`;
		expect((await page.request.post('/signup', { form: { email, password: 'streams-password-88', firstName: '', lastName: '' }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 })).status()).toBe(303);
		const cookie = (await page.context().cookies()).find((c) => c.name === 'session')!;
		const open = (signal: AbortSignal) => fetch(new URL('/api/events', baseURL), { headers: { cookie: `session=${cookie.value}` }, signal });

		const tabs = Array.from({ length: 10 }, () => new AbortController());
		const streams = await Promise.all(tabs.map((tab) => open(tab.signal)));
		expect(streams.map((s) => s.status)).toEqual(Array(10).fill(200));
		const refused = await open(new AbortController().signal);
		expect(refused.status).toBe(429);
		expect(await refused.text()).toMatch(/^Too many live-update connections/);

		tabs[0]!.abort();
		await expect.poll(async () => {
			const again = new AbortController();
			const response = await open(again.signal);
			if (response.status === 200) tabs[0] = again;
			else await response.text();
			return response.status;
		}).toBe(200);
		for (const tab of tabs) tab.abort();
	});

	test('a body over the size limit is refused with 413 and a sentence, not the adapter’s words', async ({ request, baseURL }) => {
		const clientGroupId = crypto.randomUUID();
		const mutations = Array.from({ length: 600 }, (_, i) => ({ id: i + 1, name: 'cart.add', args: { productId: 'x'.repeat(1000), quantity: 1 } }));
		const response = await request.post('/api/trpc/sync.push', { data: { clientGroupId, mutations }, headers: { origin: baseURL! } });
		expect(response.status()).toBe(413);
		const { error } = await response.json();
		expect(error.message).toBe('That request is too large: the shop reads at most 512 kB.');
		expect(error.data.code).toBe('PAYLOAD_TOO_LARGE');
	});

	test('a batch of 100 calls is refused with 400; a batch of 10 is answered', async ({ request }) => {
		const batch = (count: number) => {
			const input = Object.fromEntries(Array.from({ length: count }, (_, i) => [i, { cursor: null, limit: 1000 }]));
			return request.get(`/api/trpc/${Array(count).fill('sync.pull').join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
		};
		const tooMany = await batch(100);
		expect(tooMany.status()).toBe(400);
		expect((await tooMany.body()).length).toBeLessThan(2000);
		const within = await batch(10);
		expect(within.status()).toBe(207);
	});
});
