import { DeclaredCommandHandler } from './declared-command.handler.js';
import { ReplayHandler } from './replay.handler.js';

export const commandHandlers = [DeclaredCommandHandler, ReplayHandler];
