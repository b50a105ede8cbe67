import type { MutationArgs, MutationName } from '$lib/shared/mutations';
import type { ChangeRecord, OutboxEntry } from './db';
import { readMeta } from './meta';
import { device, expose } from './device.svelte';

/** The changes made on this device: those still waiting to be sent, and what became of sent ones the shop refused. */
class Changes {
	/** Changes waiting to be sent, oldest first (taken-back ones are left out). */
	queued = $state<OutboxEntry[]>([]);
	/** The highest id of the push under way: those are being sent. */
	sendingThrough = $state<number | null>(null);
	/** What became of sent changes, newest first. */
	records = $state<ChangeRecord[]>([]);
	/** The refused ones that ask the shopper to look. */
	readonly attention = $derived(this.records.filter((c) => c.state === 'attention'));

	constructor() {
		device.watch(
			(rt) => rt.db.outbox.orderBy('id').filter((m) => m.name !== 'noop').toArray(),
			(rows) => (this.queued = rows)
		);
		device.watch(
			(rt) => readMeta(rt.db, 'sendingThrough'),
			(id) => (this.sendingThrough = id ?? null)
		);
		device.watch(
			(rt) => rt.db.changes.orderBy('at').reverse().toArray(),
			(rows) => (this.records = rows)
		);
	}

	/** Takes back a change (an order request too) that has not been sent yet. */
	async takeBack(mutationId: number): Promise<boolean> {
		const rt = await device.running();
		return rt.attempt(({ takeBack }) => takeBack(rt.db, mutationId));
	}

	/** Sends a refused change again, as a new change. */
	async retry(change: ChangeRecord): Promise<void> {
		// A plain copy of the args: the page's reactive view of them cannot be stored.
		const { name, args } = $state.snapshot(change);
		if (await device.act(name as MutationName, args as MutationArgs<MutationName>)) await this.discard(change);
	}

	/** Forgets a refused change: the server's state stands. */
	async discard(change: ChangeRecord): Promise<void> {
		await (await device.opened()).db.changes.delete(change.mutationId);
	}
}

export const changes = new Changes();
expose('changes', changes);
