import type { Command } from '../command.js';
import { build } from './build.js';
import { check } from './check.js';

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [build, check];
