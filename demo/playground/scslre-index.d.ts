// scslre's own types declare the module 'scslre'; scslre-later.ts loads its file by path, past the
// playground build's alias for 'scslre'.
declare module 'scslre/index.js' {
  export * from 'scslre';
}
