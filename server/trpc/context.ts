import type { Db } from '../db/client';

export type Context = {
	db: Db;
};
