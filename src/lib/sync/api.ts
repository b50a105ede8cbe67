import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '$server/trpc/root';
import type { PullResult, PushInput, PushResult } from '$lib/shared/sync';

/** What the sync engine needs from the server; tests pass their own. */
export type SyncApi = {
	pull(input: { cursor: string | null; limit?: number; clientGroupId?: string }): Promise<PullResult>;
	push(input: PushInput): Promise<PushResult>;
};

export const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: '/api/trpc' })] });

export const httpSyncApi: SyncApi = {
	pull: (input) => trpc.sync.pull.query(input),
	push: (input) => trpc.sync.push.mutate(input)
};
