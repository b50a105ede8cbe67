import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
	adminOrdersListInput,
	adminTransitionInput,
	orderIdInput,
	orderNumberInput,
	shippingMethodInput,
	shippingMethodUpdateInput
} from '../../../src/lib/shared/orders';
import {
	adminProductsListInput,
	productArchiveInput,
	productCreateInput,
	productImageAddInput,
	productImageRemoveInput,
	productUpdateInput,
	stockAdjustInput,
	stockCountInput
} from '../../../src/lib/shared/catalog-admin';
import {
	adminReviewsListInput,
	auditListInput,
	collectionDeleteInput,
	collectionInput,
	collectionMoveInput,
	collectionUpdateInput,
	customerIdInput,
	customersListInput,
	emailIdInput,
	emailsListInput,
	membershipInput,
	reviewIdInput
} from '../../../src/lib/shared/admin';
import { listAudit } from '../../services/audit';
import { dashboard } from '../../services/admin/dashboard';
import { adminListCollections, createCollection, deleteCollection, moveCollection, updateCollection } from '../../services/admin/collections';
import { adminGetCustomer, adminListCustomers, updateMembership } from '../../services/admin/customers';
import { adminDeleteReview, adminListReviews, hideReview, showReview } from '../../services/admin/reviews';
import {
	addProductImage,
	adjustStock,
	adminGetProduct,
	adminListProducts,
	collectionChoices,
	createProduct,
	removeProductImage,
	setArchived,
	updateProduct
} from '../../services/admin/catalog';
import { watcherCount } from '../../services/alerts/subscriptions';
import { adminGetEmail, adminListEmails, adminRetryEmail } from '../../services/admin/emails';
import { emailsForOrder } from '../../services/email/outbox';
import { adminListShippingMethods, createShippingMethod, updateShippingMethod } from '../../services/admin/shipping';
import { adminGetOrder, adminListOrders, adminMoveOrder } from '../../services/admin/orders';
import { adminProcedure } from '../init';
import { adminVariants, countStock, saveVariants } from '../../services/admin/variants';
import { variantsSaveInput } from '../../../src/lib/shared/variants';

export const adminRouter = {
	dashboard: adminProcedure.query(({ ctx }) => dashboard(ctx.db)),
	products: {
		list: adminProcedure.input(adminProductsListInput).query(({ ctx, input }) => adminListProducts(ctx.db, input)),
		get: adminProcedure.input(z.strictObject({ id: z.uuid() })).query(({ ctx, input }) => adminGetProduct(ctx.db, input.id)),
		create: adminProcedure.input(productCreateInput).mutation(({ ctx, input }) => createProduct(ctx.db, ctx.actor, input)),
		update: adminProcedure.input(productUpdateInput).mutation(({ ctx, input }) => updateProduct(ctx.db, ctx.actor, input)),
		archive: adminProcedure.input(productArchiveInput).mutation(({ ctx, input }) => setArchived(ctx.db, ctx.actor, input)),
		adjustStock: adminProcedure.input(stockAdjustInput).mutation(({ ctx, input }) => adjustStock(ctx.db, ctx.actor, input)),
		/** A stocktake of several variants at once: each changed count is an audited adjustment. */
		countStock: adminProcedure.input(stockCountInput).mutation(({ ctx, input }) => countStock(ctx.db, ctx.actor, input)),
		variants: adminProcedure.input(z.strictObject({ id: z.uuid() })).query(({ ctx, input }) => adminVariants(ctx.db, input.id)),
		saveVariants: adminProcedure.input(variantsSaveInput).mutation(({ ctx, input }) => saveVariants(ctx.db, ctx.actor, input)),
		addImage: adminProcedure.input(productImageAddInput).mutation(({ ctx, input }) => addProductImage(ctx.db, ctx.actor, input)),
		removeImage: adminProcedure.input(productImageRemoveInput).mutation(({ ctx, input }) => removeProductImage(ctx.db, ctx.actor, input)),
		collectionChoices: adminProcedure.query(({ ctx }) => collectionChoices(ctx.db)),
		/** How many signed-in shoppers watch it: a count, never who. */
		watchers: adminProcedure.input(z.strictObject({ id: z.uuid() })).query(async ({ ctx, input }) => ({ count: await watcherCount(ctx.db, input.id) }))
	},
	shipping: {
		list: adminProcedure.query(({ ctx }) => adminListShippingMethods(ctx.db)),
		create: adminProcedure.input(shippingMethodInput).mutation(({ ctx, input }) => createShippingMethod(ctx.db, ctx.actor, input)),
		update: adminProcedure.input(shippingMethodUpdateInput).mutation(({ ctx, input }) => updateShippingMethod(ctx.db, ctx.actor, input))
	},
	orders: {
		list: adminProcedure.input(adminOrdersListInput).query(({ ctx, input }) => adminListOrders(ctx.db, input)),
		get: adminProcedure.input(orderIdInput).query(({ ctx, input }) => adminGetOrder(ctx.db, input.orderId)),
		byNumber: adminProcedure.input(orderNumberInput).query(({ ctx, input }) => adminGetOrder(ctx.db, input.number)),
		move: adminProcedure
			.input(adminTransitionInput)
			.mutation(({ ctx, input }) => adminMoveOrder(ctx.db, ctx.payments, ctx.actor, input))
	},
	collections: {
		list: adminProcedure.query(({ ctx }) => adminListCollections(ctx.db)),
		create: adminProcedure.input(collectionInput).mutation(({ ctx, input }) => createCollection(ctx.db, ctx.actor, input)),
		update: adminProcedure.input(collectionUpdateInput).mutation(({ ctx, input }) => updateCollection(ctx.db, ctx.actor, input)),
		move: adminProcedure.input(collectionMoveInput).mutation(({ ctx, input }) => moveCollection(ctx.db, ctx.actor, input)),
		delete: adminProcedure.input(collectionDeleteInput).mutation(({ ctx, input }) => deleteCollection(ctx.db, ctx.actor, input))
	},
	customers: {
		list: adminProcedure.input(customersListInput).query(({ ctx, input }) => adminListCustomers(ctx.db, input)),
		get: adminProcedure.input(customerIdInput).query(({ ctx, input }) => adminGetCustomer(ctx.db, input.id)),
		setMembership: adminProcedure.input(membershipInput).mutation(({ ctx, input }) => updateMembership(ctx.db, ctx.actor, input))
	},
	reviews: {
		list: adminProcedure.input(adminReviewsListInput).query(({ ctx, input }) => adminListReviews(ctx.db, input)),
		hide: adminProcedure.input(reviewIdInput).mutation(({ ctx, input }) => hideReview(ctx.db, ctx.actor, input.id)),
		show: adminProcedure.input(reviewIdInput).mutation(({ ctx, input }) => showReview(ctx.db, ctx.actor, input.id)),
		delete: adminProcedure.input(reviewIdInput).mutation(({ ctx, input }) => adminDeleteReview(ctx.db, ctx.actor, input.id))
	},
	audit: {
		list: adminProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.db, input))
	},
	emails: {
		list: adminProcedure.input(emailsListInput).query(({ ctx, input }) => adminListEmails(ctx.db, input)),
		get: adminProcedure.input(emailIdInput).query(({ ctx, input }) => adminGetEmail(ctx.db, input.id)),
		forOrder: adminProcedure.input(orderIdInput).query(({ ctx, input }) => emailsForOrder(ctx.db, input.orderId)),
		retry: adminProcedure.input(emailIdInput).mutation(({ ctx, input }) => adminRetryEmail(ctx.db, ctx.actor, input.id))
	}
} satisfies TRPCRouterRecord;
