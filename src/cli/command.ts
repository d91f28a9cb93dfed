/**
 * What every `kqlwatch <verb>` is: its name, a one-line summary for the command list, its help text and a run
 * function returning the exit code. parseOptions wraps node:util's parseArgs so a bad option is a UsageError
 * (exit code 2, the message and a pointer to --help) rather than a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(args: readonly string[]): Promise<number>;
}

/** Wrong or missing options or arguments: reported with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Config<O extends Options> = {
  args: string[];
  options: O & { help: { type: 'boolean'; short: 'h' } };
  allowPositionals: true;
  strict: true;
};

export function parseOptions<O extends Options>(
  command: string,
  args: readonly string[],
  options: O,
): ReturnType<typeof parseArgs<Config<O>>> {
  const config: Config<O> = {
    args: [...args],
    options: { ...options, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  };
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional argument.*$/s, '')} (see 'kqlwatch ${command} --help')`);
  }
}

/** Writes text to stdout, waiting when the pipe is full so large results stream in constant memory. */
export async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}
