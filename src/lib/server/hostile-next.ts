/**
 * `next` values that a browser, or a server that decodes once more, could read as another
 * host. Shared by the unit test of `safeNext` and the end-to-end test of the real actions.
 */
export const HOSTILE_NEXT = [
	'//evil.test/phish',
	'/.//evil.test/phish',
	'/././/evil.test',
	'/..//evil.test',
	'/\\evil.test',
	'/\\/evil.test',
	'\\\\evil.test',
	'/%2Fevil.test',
	'/%2fevil.test',
	'/%5Cevil.test',
	'/%5cevil.test',
	'/%252Fevil.test',
	'/%25252F%25252Fevil.test',
	'/\t/evil.test/x',
	'/\n/evil.test/x',
	'/\r/evil.test',
	'/%09/evil.test',
	'/%0A/evil.test',
	'/%00/evil.test',
	' //evil.test',
	'https://evil.test/',
	'http:evil.test',
	'javascript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'evil.test',
	'@evil.test',
	'//evil.test@shop.test',
	'/%E2%80%A8/evil.test',
	''
] as const;
