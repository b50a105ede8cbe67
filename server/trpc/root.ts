import { createCallerFactory, createTRPCRouter } from './init';
import { accountRouter } from './routers/account';
import { adminRouter } from './routers/admin';
import { catalogRouter } from './routers/catalog';
import { reviewsRouter } from './routers/reviews';
import { syncRouter } from './routers/sync';

export const appRouter = createTRPCRouter({
	account: accountRouter,
	admin: adminRouter,
	catalog: catalogRouter,
	reviews: reviewsRouter,
	sync: syncRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
