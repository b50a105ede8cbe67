import type { RateLimits } from '../auth/rate-limit';
import type { Session, SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import type { PaymentProvider } from '../services/payments/provider';
import type { ReadCache } from '../services/read-cache';

export type Context = {
	db: Db;
	user: SessionUser | null;
	session: Session | null;
	payments: PaymentProvider;
	/** The caller's address, for the audit trail of admin writes. */
	ip: string | null;
	/** Request budgets; the app always passes them, tests that are not about them leave them out. */
	limits?: RateLimits;
	/** The public reads' cache; without it they go to the database every time. */
	cache?: ReadCache;
	/** Catalog rows this request's pulls may still return, shared by every call of a batch. */
	pullRows?: { left: number };
};
