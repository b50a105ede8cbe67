export * from './accounts';
export * from './catalog';
export * from './reviews';
export * from './carts';
export * from './favorites';
export * from './orders';
export * from './sync';
export * from './outbox';
