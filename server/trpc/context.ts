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
};
