/**
 * server/domain: TR-03160-1 as pure rules over plain data (no I/O, no clock, no randomness). The
 * store persists Account / Session / PendingVerification as they are; the http layer calls these
 * functions with `now` (ms) and a Policy, persists what they return and appends the events to the audit log.
 * Every function that refuses throws DomainError with a stable code. Names here are stable: add, don't rename.
 */
export * from '../../shared/levels';
export * from './errors';
export * from './policy';
export * from './model';
export * from './account';
export * from './account-view';
export * from './session';
export * from './session-status';
export * from './means';
export * from './means-blocking';
export * from './verification';
export * from './minimum-data-set';
export * from './eid-verification';
export * from './identification';
export * from './deletion';
export * from './desktop-app';
