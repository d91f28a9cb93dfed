/**
 * `kqlwatch help [COMMAND]`: the command list, or one command's help.
 */
import { UsageError, write, type Command } from '../command.js';

export function helpCommand(commands: readonly Command[]): Command {
  const usage = `Usage: kqlwatch <command> [options]

Run Microsoft Sentinel KQL locally over your own logs, on DuckDB.

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}
  help       show this list, or a command's help: kqlwatch help <command>

Options:
  -h, --help       show this help
  --version        print kqlwatch's version
`;
  return {
    name: 'help',
    summary: 'list the commands',
    help: usage,
    async run(args) {
      const name = args.find((a) => !a.startsWith('-'));
      if (name === undefined) {
        await write(usage);
        return 0;
      }
      const command = commands.find((c) => c.name === name);
      if (!command) throw new UsageError(`unknown command '${name}' (see 'kqlwatch --help')`);
      await write(command.help);
      return 0;
    },
  };
}
