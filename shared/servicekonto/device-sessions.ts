import { z } from 'zod';
import { MEANS_LEVELS } from '../levels';

/**
 * The account's web sessions as the server lists them to a paired desktop (`GET /api/device/sessions`,
 * docs/protocol.md): per session its level, the Table 2 idle and absolute time left of that level, its
 * start, a browser/IP hint, the most recent one marked. Parsed strictly in the main process (a server
 * answer is input too) and shown as is by the app and the CLI; it carries no secret, so it crosses IPC.
 */

const Seconds = z
  .number()
  .int()
  .nonnegative()
  .max(366 * 86_400);
const Ms = z.number().int().nonnegative();

/** One web session that still has a level. */
export const DeviceSession = z.strictObject({
  id: z.string().min(1).max(128),
  level: z.enum(MEANS_LEVELS),
  downgradedFrom: z.enum(MEANS_LEVELS).nullable(),
  startedAt: Ms,
  lastActivityAt: Ms,
  idleRemainingSeconds: Seconds,
  absoluteRemainingSeconds: Seconds,
  endsInSeconds: Seconds,
  browser: z.string().max(120),
  ip: z.string().max(64),
  latest: z.boolean(),
});
/** One web session that still has a level. */
export type DeviceSession = z.infer<typeof DeviceSession>;

/** The whole list, version 1, most recently active first. */
export const DeviceSessions = z.strictObject({
  v: z.literal(1),
  origin: z.string().min(1).max(300),
  account: z.string().min(1).max(64),
  sessions: z.array(DeviceSession).max(50),
});
/** The whole list, version 1, most recently active first. */
export type DeviceSessions = z.infer<typeof DeviceSessions>;
