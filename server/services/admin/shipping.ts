import { asc, eq } from 'drizzle-orm';
import type { ShippingMethodView } from '../../../src/lib/shared/orders';
import type { Db } from '../../db/client';
import { shippingMethods } from '../../db/schema';
import { changesBetween, recordAudit, type Actor } from '../audit';
import { methodView } from '../delivery';
import { AppError } from '../errors';

export type AdminShippingMethod = ShippingMethodView & { active: boolean; position: number };

export async function adminListShippingMethods(db: Db): Promise<AdminShippingMethod[]> {
	const rows = await db.select().from(shippingMethods).orderBy(asc(shippingMethods.position), asc(shippingMethods.name));
	return rows.map((m) => ({ ...methodView(m), active: m.active, position: m.position }));
}

type MethodInput = { name: string; priceMinor: number; currency: string; freeAboveMinor: number | null; countries: string[]; active: boolean; position: number };

const auditedFields = ['name', 'priceMinor', 'currency', 'freeAboveMinor', 'countries', 'active', 'position'] as const;

export async function createShippingMethod(db: Db, actor: Actor, input: MethodInput): Promise<AdminShippingMethod> {
	return db.transaction(async (tx) => {
		const [row] = await tx.insert(shippingMethods).values(input).returning();
		await recordAudit(tx, actor, {
			action: 'shipping_method.create',
			entityType: 'shipping_method',
			entityId: row!.id,
			changes: changesBetween(null, row!, auditedFields)
		});
		return { ...methodView(row!), active: row!.active, position: row!.position };
	});
}

export async function updateShippingMethod(db: Db, actor: Actor, input: MethodInput & { id: string }): Promise<AdminShippingMethod> {
	const { id, ...fields } = input;
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(shippingMethods).where(eq(shippingMethods.id, id)).for('update');
		if (!before) throw new AppError('NOT_FOUND', 'No such shipping method');
		const [row] = await tx.update(shippingMethods).set({ ...fields, updatedAt: new Date() }).where(eq(shippingMethods.id, id)).returning();
		await recordAudit(tx, actor, {
			action: 'shipping_method.update',
			entityType: 'shipping_method',
			entityId: id,
			changes: changesBetween(before, row!, auditedFields)
		});
		return { ...methodView(row!), active: row!.active, position: row!.position };
	});
}
