import type { CliCommand } from '../command';
import { accountsCommand } from './accounts';
import { approveCommand } from './approve';
import { blockCommand } from './block';
import { codeCommand } from './code';
import { keysCommand } from './keys';
import { exportCommand } from './export';
import { groupsCommand } from './groups';
import { importCommand } from './import';
import { listenCommand } from './listen';
import { meansCommand } from './means';
import { pairCommand } from './pair';
import { sessionsCommand } from './sessions';

/** Every CLI command, in the order `faktor --help` lists them. A new command is one file plus one line here. */
export const COMMANDS: readonly CliCommand[] = [
  pairCommand,
  accountsCommand,
  codeCommand,
  approveCommand,
  listenCommand,
  meansCommand,
  sessionsCommand,
  blockCommand,
  keysCommand,
  groupsCommand,
  importCommand,
  exportCommand,
];
