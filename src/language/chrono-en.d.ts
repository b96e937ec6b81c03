/**
 * chrono-node's English-only entry point (`chrono-node/en`, 19 ms to load instead of the whole
 * package's 68 ms with every locale). Its types are the package's own: the TypeScript resolution
 * this project uses does not read package.json "exports", so it is declared here.
 */
declare module 'chrono-node/en' {
  export * from 'chrono-node';
}
