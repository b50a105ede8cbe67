import { expect, test } from './fixtures';

const NOTHING_POLICY = "default-src 'none'; frame-ancestors 'none'";

test('pages, API answers, uploads and the webhook carry the security headers', async ({ request }) => {
	const common = (headers: Record<string, string>) => {
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['x-frame-options']).toBe('DENY');
		expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
		expect(headers['permissions-policy']).toContain('camera=()');
		// The suite's ORIGIN is http://localhost: browsers must not be told to insist on https.
		expect(headers['strict-transport-security']).toBeUndefined();
	};

	const page = await request.get('/');
	expect(page.status()).toBe(200);
	common(page.headers());
	const policy = page.headers()['content-security-policy'];
	expect(policy).toContain("frame-ancestors 'none'");
	expect(policy).toMatch(/script-src 'self' https:\/\/js\.stripe\.com [^;]*'nonce-[^']+'/);
	expect(policy).toContain("object-src 'none'");
	expect(policy).not.toContain('unsafe-eval');

	const api = await request.get('/api/trpc/catalog.collections');
	expect(api.status()).toBe(200);
	common(api.headers());
	expect(api.headers()['content-security-policy']).toBe(NOTHING_POLICY);

	// The route answers for any upload, found or not (an admin's real upload: admin.spec.ts).
	const upload = await request.get('/uploads/products/00000000-0000-4000-8000-000000000000.png');
	expect(upload.status()).toBe(404);
	common(upload.headers());
	expect(upload.headers()['content-security-policy']).toBe(NOTHING_POLICY);

	const webhook = await request.post('/api/stripe/webhook', { data: {} });
	expect([400, 404]).toContain(webhook.status());
	common(webhook.headers());
	expect(webhook.headers()['content-security-policy']).toBe(NOTHING_POLICY);

	// A form posted from another site is refused, saying why, with the same headers.
	const forged = await request.post('/login', { form: { email: 'a@example.com', password: 'x' }, headers: { origin: 'https://evil.example', accept: 'text/html' } });
	expect(forged.status()).toBe(403);
	common(forged.headers());
	expect(forged.headers()['content-security-policy']).toBe(NOTHING_POLICY);
	expect(await forged.text()).toBe('Cross-site requests are not allowed.');

	// A page that must not leak its address keeps its own, stricter policy.
	expect((await request.get('/reset-password?token=x')).headers()['referrer-policy']).toBe('no-referrer');
});

test('a script the policy blocks is reported to the suite', async ({ page, csp }) => {
	await page.goto('/');
	expect(csp.seen).toEqual([]);
	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.injected = true';
		document.head.append(script);
	});
	await expect.poll(() => csp.seen.length).toBeGreaterThan(0);
	expect(await page.evaluate(() => 'injected' in window)).toBe(false);
	// Taken as intended, so this test passes; any other test with a report fails.
	expect(csp.accept().join('\n')).toContain('script-src');
});
