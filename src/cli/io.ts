/** Where a command writes; the CLI passes the process streams, tests may pass buffers. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
  cwd: string;
}

export class UsageError extends Error {}
