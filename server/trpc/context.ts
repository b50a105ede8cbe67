import type { RateLimits } from '../auth/rate-limit';
import type { Session, SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import type { PaymentProvider } from '../services/payments/provider';

export type Context = {
	db: Db;
	user: SessionUser | null;
	session: Session | null;
	payments: PaymentProvider;
	/** The caller's address, for the audit trail of admin writes. */
	ip: string | null;
	/** Request budgets; the app always passes them, tests that are not about them leave them out. */
	limits?: RateLimits;
	/** Catalog rows this request's pulls may still return, shared by every call of a batch. */
	pullRows?: { left: number };
};
