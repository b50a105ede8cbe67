import { createCallerFactory, createTRPCRouter } from './init';
import { accountRouter } from './routers/account';
import { addressesRouter } from './routers/addresses';
import { alertsRouter } from './routers/alerts';
import { adminRouter } from './routers/admin';
import { assistantRouter } from './routers/assistant';
import { catalogRouter } from './routers/catalog';
import { checkoutRouter } from './routers/checkout';
import { ordersRouter } from './routers/orders';
import { reviewsRouter } from './routers/reviews';
import { syncRouter } from './routers/sync';

export const appRouter = createTRPCRouter({
	account: accountRouter,
	addresses: addressesRouter,
	alerts: alertsRouter,
	admin: adminRouter,
	assistant: assistantRouter,
	catalog: catalogRouter,
	checkout: checkoutRouter,
	orders: ordersRouter,
	reviews: reviewsRouter,
	sync: syncRouter
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
