/// <reference types="node" />
// Minimal typings for better-sqlite3 v12 (no @types package is installed): only what server/ uses.
declare module 'better-sqlite3' {
  export interface RunResult {
    changes: number;
    lastInsertRowid: number | bigint;
  }
  export interface Statement<R = unknown> {
    run(...params: unknown[]): RunResult;
    get(...params: unknown[]): R | undefined;
    all(...params: unknown[]): R[];
  }
  export interface Database {
    prepare<R = unknown>(sql: string): Statement<R>;
    exec(sql: string): Database;
    pragma(sql: string): unknown;
    transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T;
    close(): void;
  }
  interface DatabaseConstructor {
    new (filename: string, options?: { readonly?: boolean; fileMustExist?: boolean }): Database;
    (filename: string, options?: { readonly?: boolean; fileMustExist?: boolean }): Database;
  }
  const DatabaseCtor: DatabaseConstructor;
  export default DatabaseCtor;
}
