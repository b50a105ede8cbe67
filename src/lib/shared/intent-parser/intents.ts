import type { OrderStatus } from '../orders';

/**
 * What a shopper asked the assistant for. Parsers only read text; the actions that answer
 * an intent look products up, check stock and act, so a parser never needs the database.
 *
 * Dates are ISO instants in UTC: `since` is inclusive; `until` is exclusive and present only
 * when the period ended before the message was written (otherwise the range runs to now).
 */
export type Intent =
	| {
			kind: 'orders';
			/** "shipped", "delivered" and "on the way" all mean `fulfilled`, the store's word for shipped. */
			status?: OrderStatus;
			since?: string;
			until?: string;
			/** "my last order": only the most recent one. */
			latest?: true;
	  }
	| { kind: 'order'; number: number }
	| { kind: 'stock'; query: string; ask: StockAsk }
	| { kind: 'add'; query: string; quantity: number; target: AddTarget }
	| { kind: 'cart' }
	/** "my favorites", "show my wishlist". */
	| { kind: 'favorites' }
	/** No `query` means the whole cart. */
	| { kind: 'place'; query?: string; quantity?: number }
	| { kind: 'cancel'; number?: number }
	| { kind: 'help' }
	| { kind: 'greeting' }
	| { kind: 'thanks' }
	| { kind: 'unknown'; text: string };

export type IntentKind = Intent['kind'];
export type StockAsk = 'stock' | 'price' | 'both';
export type AddTarget = 'cart' | 'favorites';

/** One way of reading a message; another (a model, say) can stand in without touching the actions. */
export interface IntentParser {
	parse(message: string, now?: Date): Intent;
}
