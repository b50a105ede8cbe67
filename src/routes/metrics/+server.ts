import { config } from '$server/config';
import { metricsResponse } from '$server/observability/metrics';
import type { RequestHandler } from './$types';

/** Prometheus metrics; behind `Authorization: Bearer $METRICS_TOKEN` when that is set. */
export const GET: RequestHandler = ({ request }) => metricsResponse(request, config.metricsToken);
