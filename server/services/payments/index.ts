import Stripe from 'stripe';
import { config } from '../../config';
import type { PaymentProvider } from './provider';
import { stripeProvider } from './stripe';
import { testProvider } from './test-provider';

export type { PaymentEvent, PaymentProvider } from './provider';

/** A Stripe client for the configured key (and API address, when another is set). */
export function stripeClient(secretKey: string, apiBase?: string): Stripe {
	const base = apiBase ? new URL(apiBase) : null;
	return new Stripe(secretKey, {
		maxNetworkRetries: 2,
		timeout: 20_000,
		...(base && { host: base.hostname, port: base.port, protocol: base.protocol.replace(':', '') as 'http' | 'https' })
	});
}

let configured: { provider: PaymentProvider; stripe: Stripe | null } | undefined;

/** The shop's payments: Stripe when `STRIPE_SECRET_KEY` is set, else the test provider. */
export function payments(): { provider: PaymentProvider; stripe: Stripe | null } {
	if (!configured) {
		const settings = config.stripe;
		const stripe = settings ? stripeClient(settings.secretKey, settings.apiBase) : null;
		configured = { provider: stripe && settings ? stripeProvider(stripe, settings.publishableKey) : testProvider, stripe };
	}
	return configured;
}
