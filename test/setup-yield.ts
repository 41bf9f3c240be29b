import { afterEach } from 'vitest';

/**
 * Most tests run the real CLI with spawnSync, which blocks the test worker. Vitest's worker
 * answers its runner over an RPC with a fixed 60 s timeout, read only when the event loop
 * reaches its poll phase; a file of synchronous tests that lasts over a minute (on a loaded
 * machine) would then fail with « Timeout calling "onTaskUpdate" » although every test passed.
 * One full turn of the event loop after each test reads the pending replies in time.
 */
afterEach(async () => {
  await new Promise((resolve) => setImmediate(resolve));
});
