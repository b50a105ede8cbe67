import type { TRPCRouterRecord } from '@trpc/server';
import { assistantChatInput, assistantConfirmInput } from '../../../src/lib/shared/assistant';
import { chat } from '../../services/assistant/chat';
import { confirmProposal } from '../../services/assistant/proposals';
import { customerProcedure, limited, publicProcedure } from '../init';

export const assistantRouter = {
	/** Visitors may ask about products and stock; the rest answers with a sign-in offer. */
	chat: publicProcedure
		.use(limited('assistant'))
		.input(assistantChatInput)
		.mutation(({ ctx, input }) => chat(ctx, input.message)),
	confirm: customerProcedure
		.use(limited('assistant'))
		.input(assistantConfirmInput)
		.mutation(({ ctx, input }) => confirmProposal(ctx.db, ctx.user, ctx.ip, input.proposalId, ctx.payments))
} satisfies TRPCRouterRecord;
