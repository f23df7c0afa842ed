import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, programFor } from './commands.js';

describe('possier’s commands', () => {
  it('lists every command by its summary for --help, loading none', async () => {
    const program = await programFor(['--help']);
    expect(program.commands.map((command) => command.name())).toEqual(COMMANDS.map(({ name }) => name));
    for (const command of program.commands) expect(command.commands).toEqual([]);
    expect(program.helpInformation()).toContain('report');
  });

  it('loads the command a call names, and that command answers to the name it is listed under', async () => {
    for (const { name } of COMMANDS) {
      const program = await programFor([name, '--help']);
      expect(program.commands.map((command) => command.name())).toEqual([name]);
      const loaded = program.commands[0] as Command;
      // A loaded command is the real one: options or subcommands, not the listing's stub.
      expect(loaded.options.length + loaded.commands.length, name).toBeGreaterThan(0);
    }
  }, 60_000);

  it('loads the command `possier help <name>` asks about', async () => {
    const program = await programFor(['help', 'report']);
    expect(program.commands[0]?.options.map((option) => option.long)).toContain('--from');
  });
});

describe('possier’s reads', () => {
  it('take --json, and a report --csv too, beside --format', async () => {
    const longs = async (args: string[], path: string[]) => {
      let command = (await programFor(args)).commands[0];
      for (const name of path) command = command?.commands.find((sub) => sub.name() === name);
      return command?.options.map((option) => option.long) ?? [];
    };
    expect(await longs(['report'], [])).toEqual(expect.arrayContaining(['--json', '--csv', '--format']));
    expect(await longs(['status'], [])).toEqual(expect.arrayContaining(['--json', '--format']));
    expect(await longs(['audit'], ['history'])).toEqual(expect.arrayContaining(['--json', '--format']));
    expect(await longs(['audit'], ['verify'])).toEqual(expect.arrayContaining(['--json', '--format']));
  });
});
