import { TRPCClientError } from '@trpc/client';
import { openStoreDb, type StoreDb } from '$lib/device/db';
import type { Answer } from '$lib/shared/assistant';
import { device } from '$lib/device/device.svelte';
import { cart } from '$lib/device/cart.svelte';
import { api } from '$lib/api';
import { answerOnDevice } from './offline';

export type ChatMessage = { id: string; from: 'shopper' | 'assistant'; text: string; answer?: Answer; at: string };

/** How many messages the device keeps per person. */
const KEPT = 60;

const PREFIX = 'store:assistant:';
const storageKey = (userId: string | null) => `${PREFIX}${userId ?? 'visitor'}`;

function load(userId: string | null): ChatMessage[] {
	try {
		const raw = localStorage.getItem(storageKey(userId));
		const parsed: unknown = raw ? JSON.parse(raw) : [];
		return Array.isArray(parsed) ? (parsed as ChatMessage[]) : [];
	} catch {
		return [];
	}
}

/** A request that never reached the shop (as opposed to an answer from it). */
function unreachable(error: unknown): boolean {
	if (!(error instanceof TRPCClientError)) return error instanceof TypeError;
	const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
	return status === undefined || status >= 500;
}

/**
 * One person's conversation with the assistant, kept on this device (localStorage, per
 * user id), answered by the shop, or by the device when the shop cannot be reached.
 */
export class Conversation {
	messages = $state<ChatMessage[]>([]);
	busy = $state(false);
	/** While over the rate limit: when asking is allowed again (ms since epoch). */
	waitUntil = $state(0);
	#user: { id: string } | null = null;
	#db: StoreDb | null = null;

	constructor(user: { id: string } | null) {
		this.#user = user;
		this.messages = load(user?.id ?? null);
		// A shared browser keeps only the current person's conversation.
		try {
			const own = storageKey(user?.id ?? null);
			for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX) && key !== own) localStorage.removeItem(key);
		} catch {
			// Storage blocked: nothing was kept either.
		}
	}

	#push(message: Omit<ChatMessage, 'id' | 'at'>) {
		this.messages = [...this.messages, { ...message, id: crypto.randomUUID(), at: new Date().toISOString() }].slice(-KEPT);
		try {
			localStorage.setItem(storageKey(this.#user?.id ?? null), JSON.stringify(this.messages));
		} catch {
			// A full or blocked storage only costs the history.
		}
	}

	clear() {
		this.messages = [];
		localStorage.removeItem(storageKey(this.#user?.id ?? null));
	}

	#offline(message: string): Promise<Answer> {
		return answerOnDevice(
			{ db: (this.#db ??= openStoreDb()), signedIn: this.#user !== null, act: (name, args) => device.act(name, args as never) },
			message
		);
	}

	/** Answers from the shop; on a rate limit says how long to wait; with no network, from the device. */
	async #call(message: string, call: () => Promise<Answer>, offline: () => Promise<Answer>): Promise<Answer> {
		if (typeof navigator !== 'undefined' && !navigator.onLine) return offline();
		try {
			return await call();
		} catch (error) {
			if (error instanceof TRPCClientError) {
				const data = error.data as { httpStatus?: number; retryAfter?: number | null } | undefined;
				if (data?.httpStatus === 429) {
					const seconds = data.retryAfter ?? 30;
					this.waitUntil = Date.now() + seconds * 1000;
					return { text: `You're asking faster than I can answer. Please wait ${seconds} s and try again.` };
				}
				if (data?.httpStatus === 401) return { text: 'Please sign in again.', needsLogin: true, link: { href: '/login', label: 'Sign in' } };
				if (data?.httpStatus && data.httpStatus < 500) return { text: error.message };
			}
			if (unreachable(error)) return offline();
			throw error;
		}
	}

	async send(text: string) {
		const message = text.trim().slice(0, 500);
		if (!message || this.busy) return;
		this.#push({ from: 'shopper', text: message });
		this.busy = true;
		try {
			// The shop answers about the cart it holds: send what this device changed first.
			if (device.pending > 0 && navigator.onLine) await cart.flush(5_000).catch(() => undefined);
			const answer = await this.#call(message, () => api.assistant.chat.mutate({ message }), () => this.#offline(message));
			if (answer.changed) device.syncSoon();
			this.#push({ from: 'assistant', text: answer.text, answer });
		} catch {
			this.#push({ from: 'assistant', text: 'Something went wrong on our side. Please try again.' });
		} finally {
			this.busy = false;
		}
	}

	async confirm(proposalId: string) {
		if (this.busy) return;
		this.#push({ from: 'shopper', text: 'Confirm the order' });
		this.busy = true;
		try {
			const answer = await this.#call(
				'',
				() => api.assistant.confirm.mutate({ proposalId }),
				async () => ({ text: 'Placing an order needs the network. Your cart is kept; confirm again when you are back online.', offline: true })
			);
			if (answer.order) device.syncSoon();
			this.#push({ from: 'assistant', text: answer.text, answer });
		} catch {
			this.#push({ from: 'assistant', text: 'Something went wrong on our side. Please try again.' });
		} finally {
			this.busy = false;
		}
	}
}
