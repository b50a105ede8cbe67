import { getDatabase } from '$server/db/client';
import { handleTrpcRequest } from '$server/trpc/http';
import type { RequestHandler } from './$types';

const handler: RequestHandler = async ({ request }) => handleTrpcRequest(request, (await getDatabase()).db);

export const GET = handler;
export const POST = handler;
