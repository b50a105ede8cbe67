import type { Session, SessionUser } from '../auth/session';
import type { Db } from '../db/client';

export type Context = {
	db: Db;
	user: SessionUser | null;
	session: Session | null;
};
