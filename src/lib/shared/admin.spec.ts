import { describe, expect, it } from 'vitest';
import { emailProgress } from './admin';

describe('emailProgress', () => {
	it('says where an email is, counting attempts in good English', () => {
		expect(emailProgress({ state: 'pending', attempts: 0, lastError: null })).toBe('waiting to be sent');
		expect(emailProgress({ state: 'pending', attempts: 1, lastError: null })).toBe('being sent now');
		expect(emailProgress({ state: 'pending', attempts: 1, lastError: 'Connection refused' })).toBe('waiting to be sent again (1 attempt so far)');
		expect(emailProgress({ state: 'pending', attempts: 3, lastError: 'Connection refused' })).toBe('waiting to be sent again (3 attempts so far)');
		expect(emailProgress({ state: 'failed', attempts: 1, lastError: 'No recipient' })).toBe('failed after 1 attempt');
		expect(emailProgress({ state: 'failed', attempts: 8, lastError: 'Connection refused' })).toBe('failed after 8 attempts');
		expect(emailProgress({ state: 'sent', attempts: 1, lastError: null })).toBe('sent');
	});
});
