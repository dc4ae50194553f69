import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Serves the Musterstadt demo (repo's demo/, or DEMO_DIR; nothing with DEMO_DIR=off) at '/' and the
 * build output (repo's dist/) at '/dist/'.
 * No directory listing; dotfiles are refused; '..' segments never leave the root (send() refuses them).
 */
export async function registerStatic(app: FastifyInstance, demoDir: string, distDir: string): Promise<void> {
  const common = {
    list: false as const,
    dotfiles: 'deny' as const,
    index: ['index.html'],
    redirect: false,
    // The demo is a development aid: no long caching, so a rebuild shows up on reload.
    cacheControl: true,
    maxAge: 0,
  };
  if (demoDir) await app.register(fastifyStatic, { ...common, root: resolve(demoDir), prefix: '/' });
  if (!existsSync(distDir)) app.log.warn(`dist folder ${distDir} not found - run "npm run build"`);
  await app.register(fastifyStatic, {
    ...common,
    root: resolve(distDir),
    prefix: '/dist/',
    decorateReply: !demoDir,
  });
}
