/** The largest quantity of one product a cart line may hold. */
export const MAX_LINE_QUANTITY = 99;
