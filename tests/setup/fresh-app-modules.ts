/**
 * The unit and postgres projects run their files one after another in one process per worker (`isolate: false` in
 * vitest.config.ts), so a file does not pay again to start Node and load PGlite, Prisma's runtime, React and Remix.
 * What isolation gave each file is kept here, before every file:
 * - the app's own modules are evaluated afresh (`vi.resetModules`: their caches, the test clock's offset, the mailer,
 *   the environment that `getEnv` reads once); packages under node_modules stay loaded;
 * - `TEST_CLOCK`, the one variable test files set for themselves (before the app reads its environment), is removed,
 *   so neither the next file nor the servers it starts inherit it.
 */
import { vi } from 'vitest'

delete process.env.TEST_CLOCK
vi.resetModules()
