import type { ChildProcess } from 'node:child_process';

export function startChild(
  env?: Record<string, string>,
  prepare?: (dataDir: string) => Promise<void>,
): Promise<{ url: string; child: ChildProcess & { pid: number }; stop(): void }>;
export function rssKb(pid: number): { rss: number; hwm: number };
export function anonymousPut(url: string, mb: number): Promise<number>;
export function timeGet(url: string): Promise<{ status: number; ms: number }>;
