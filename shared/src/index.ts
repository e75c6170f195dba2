// @beside/shared: the one contract between client and server.
export * from './limits.js';
export * from './vocabulary.js';
export * from './errors.js';
export * from './models.js';
export * from './rest.js';
export * from './events.js';
export * from './matching.js';
export * from './staff.js';
export * from './privacy.js';
export * from './moderation.js';
export * from './console.js';
export * from './thread.js';
export * from './alerts.js';
export * from './oncall.js';
export * from './board.js';
