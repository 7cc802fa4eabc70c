import type { Command } from '../command.js';
import { build } from './build.js';
import { check } from './check.js';
import { verify } from './verify.js';
import { archive } from './archive.js';
import { newEdition } from './new.js';
import { watchCommand } from './watch.js';
import { init } from './init.js';
import { template } from './template.js';
import { importCommand } from './import.js';

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [init, build, check, watchCommand, verify, archive, newEdition, template, importCommand];
