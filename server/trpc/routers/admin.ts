import type { TRPCRouterRecord } from '@trpc/server';
import { dashboardCounts } from '../../services/admin';
import { adminProcedure } from '../init';

export const adminRouter = {
	dashboard: adminProcedure.query(({ ctx }) => dashboardCounts(ctx.db))
} satisfies TRPCRouterRecord;
