import path from 'node:path';

/** Configuration read from the environment; every value has an embedded default. */
export const config = {
	get port() {
		return Number(process.env.PORT ?? 3000);
	},
	get dataDir() {
		return path.resolve(process.env.DATA_DIR ?? './data');
	},
	get databaseUrl() {
		return process.env.DATABASE_URL || undefined;
	},
	get redisUrl() {
		return process.env.REDIS_URL || undefined;
	}
};
